package main

import (
	"strings"
	"testing"
)

func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func TestConfigDefaults(t *testing.T) {
	c, err := loadConfig(env(nil))
	if err != nil {
		t.Fatal(err)
	}
	want := config{appAddr: ":8080", pprofAddr: ":6060", mutexProfileFraction: 5, blockProfileRate: 10000, leakMax: 100_000}
	if c != want {
		t.Fatalf("defaults %+v, want %+v", c, want)
	}
}

func TestConfigFromEnvironment(t *testing.T) {
	c, err := loadConfig(env(map[string]string{
		"LAB_APP_ADDR": ":9000", "LAB_PPROF_ADDR": "127.0.0.1:9001",
		"LAB_MUTEX_PROFILE_FRACTION": "0", "LAB_BLOCK_PROFILE_RATE": "1", "LAB_LEAK_MAX": "10",
	}))
	if err != nil {
		t.Fatal(err)
	}
	want := config{appAddr: ":9000", pprofAddr: "127.0.0.1:9001", mutexProfileFraction: 0, blockProfileRate: 1, leakMax: 10}
	if c != want {
		t.Fatalf("got %+v, want %+v", c, want)
	}
}

func TestConfigRejectsBadValuesNamingTheVariable(t *testing.T) {
	for name, e := range map[string]map[string]string{
		"LAB_MUTEX_PROFILE_FRACTION": {"LAB_MUTEX_PROFILE_FRACTION": "five"},
		"LAB_BLOCK_PROFILE_RATE":     {"LAB_BLOCK_PROFILE_RATE": "-1"},
		"LAB_LEAK_MAX":               {"LAB_LEAK_MAX": "lots"},
		"LAB_PPROF_ADDR":             {"LAB_APP_ADDR": ":7000", "LAB_PPROF_ADDR": ":7000"},
	} {
		if _, err := loadConfig(env(e)); err == nil || !strings.Contains(err.Error(), name) {
			t.Errorf("%v: error %v, want one naming %s", e, err, name)
		}
	}
}
