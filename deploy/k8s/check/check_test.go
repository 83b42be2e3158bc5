package check

import (
	"strings"
	"testing"
)

func render(t *testing.T, dir string) *Objects {
	t.Helper()
	o, err := Render(dir)
	if err != nil {
		t.Fatal(err)
	}
	return o
}

func TestBaseAndOverlaysHold(t *testing.T) {
	for dir, n := range map[string]int32{"../base": 2, "../overlays/three-injectors": 3} {
		t.Run(dir, func(t *testing.T) {
			o := render(t, dir)
			for _, err := range Check(o) {
				t.Error(err)
			}
			if got := *o.Jobs["injectors"].Spec.Completions; got != n {
				t.Errorf("injectors: completions %d, want %d", got, n)
			}
			if _, ok := o.Claims["schedgate-runs"]; !ok {
				t.Error("no schedgate-runs claim for the collector's run directory")
			}
		})
	}
}

func TestBrokenOverlaysAreCaught(t *testing.T) {
	for dir, want := range map[string]string{
		"testdata/mismatched-n":      "completions 3, the collector's SCHEDGATE_INJECTORS 2",
		"testdata/wrong-coordinator": "Service collector has no port 8080",
	} {
		t.Run(dir, func(t *testing.T) {
			errs := Check(render(t, dir))
			var all []string
			for _, e := range errs {
				all = append(all, e.Error())
			}
			if !strings.Contains(strings.Join(all, "\n"), want) {
				t.Errorf("want an error with %q, got %q", want, all)
			}
		})
	}
}

func TestUnknownFieldFailsDecoding(t *testing.T) {
	_, err := Render("testdata/typo")
	if err == nil || !strings.Contains(err.Error(), "paralellism") {
		t.Fatalf("want the misspelt field refused, got %v", err)
	}
}
