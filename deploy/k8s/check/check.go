// Package check renders deploy/k8s's kustomizations offline (kustomize's krusty API, no cluster, no
// kubectl), decodes every document strictly into its k8s.io/api type (an unknown field fails) and
// checks that the scaled-out ramp's pieces point at each other.
package check

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"strconv"
	"strings"

	appsv1 "k8s.io/api/apps/v1"
	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	"sigs.k8s.io/kustomize/api/krusty"
	"sigs.k8s.io/kustomize/kyaml/filesys"
	"sigs.k8s.io/yaml"
)

// Objects is one rendered kustomization, by kind and name.
type Objects struct {
	Deployments map[string]*appsv1.Deployment
	Services    map[string]*corev1.Service
	Jobs        map[string]*batchv1.Job
	Claims      map[string]*corev1.PersistentVolumeClaim
}

// Render builds the kustomization in dir from disk and decodes each resource strictly.
func Render(dir string) (*Objects, error) {
	k := krusty.MakeKustomizer(krusty.MakeDefaultOptions())
	resources, err := k.Run(filesys.MakeFsOnDisk(), dir)
	if err != nil {
		return nil, fmt.Errorf("kustomize build %s: %w", dir, err)
	}
	objs := &Objects{
		Deployments: map[string]*appsv1.Deployment{},
		Services:    map[string]*corev1.Service{},
		Jobs:        map[string]*batchv1.Job{},
		Claims:      map[string]*corev1.PersistentVolumeClaim{},
	}
	for _, r := range resources.Resources() {
		doc, err := r.AsYAML()
		if err != nil {
			return nil, err
		}
		if err := objs.add(doc); err != nil {
			return nil, fmt.Errorf("%s %s: %w", r.GetKind(), r.GetName(), err)
		}
	}
	return objs, nil
}

func (o *Objects) add(doc []byte) error {
	var meta struct {
		APIVersion string `json:"apiVersion"`
		Kind       string `json:"kind"`
	}
	if err := yaml.Unmarshal(doc, &meta); err != nil {
		return err
	}
	switch meta.APIVersion + " " + meta.Kind {
	case "apps/v1 Deployment":
		return put(doc, o.Deployments, func(d *appsv1.Deployment) string { return d.Name })
	case "v1 Service":
		return put(doc, o.Services, func(s *corev1.Service) string { return s.Name })
	case "batch/v1 Job":
		return put(doc, o.Jobs, func(j *batchv1.Job) string { return j.Name })
	case "v1 PersistentVolumeClaim":
		return put(doc, o.Claims, func(c *corev1.PersistentVolumeClaim) string { return c.Name })
	}
	return fmt.Errorf("no check knows %s %s: add its type to check.go", meta.APIVersion, meta.Kind)
}

// put decodes doc strictly as a T and files it under its name.
func put[T any](doc []byte, into map[string]*T, name func(*T) string) error {
	var v T
	if err := strict(doc, &v); err != nil {
		return err
	}
	into[name(&v)] = &v
	return nil
}

// strict decodes YAML into v, failing on fields v's type does not have (and on duplicate keys).
func strict(doc []byte, v any) error {
	j, err := yaml.YAMLToJSONStrict(doc)
	if err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(j))
	dec.DisallowUnknownFields()
	return dec.Decode(v)
}

// Check returns every broken invariant of a rendered schedgate deployment (none: nil).
func Check(o *Objects) []error {
	var errs []error
	fail := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }

	target, collectorJob, injectors := o.Deployments["target"], o.Jobs["collector"], o.Jobs["injectors"]
	targetSvc, collectorSvc := o.Services["target"], o.Services["collector"]
	for name, missing := range map[string]bool{
		"Deployment target": target == nil, "Job collector": collectorJob == nil, "Job injectors": injectors == nil,
		"Service target": targetSvc == nil, "Service collector": collectorSvc == nil,
	} {
		if missing {
			fail("no %s", name)
		}
	}
	if len(errs) > 0 {
		return errs
	}
	collector := &collectorJob.Spec.Template.Spec.Containers[0]

	// the target Service reaches the target's pods
	if !selects(targetSvc.Spec.Selector, target.Spec.Template.Labels) {
		fail("Service target selects %v, the target's pods are labelled %v", targetSvc.Spec.Selector, target.Spec.Template.Labels)
	}
	if !selects(collectorSvc.Spec.Selector, collectorJob.Spec.Template.Labels) {
		fail("Service collector selects %v, the collector's pod is labelled %v", collectorSvc.Spec.Selector, collectorJob.Spec.Template.Labels)
	}
	if collectorSvc.Spec.Selector["app.kubernetes.io/name"] != "" && selects(collectorSvc.Spec.Selector, injectors.Spec.Template.Labels) {
		fail("Service collector also selects the injectors' pods")
	}

	// N agrees: the collector waits for as many injectors as the Indexed Job runs at once
	n, err := strconv.Atoi(env(collector, "SCHEDGATE_INJECTORS"))
	if err != nil || n < 1 {
		fail("collector's SCHEDGATE_INJECTORS %q is not a number >= 1", env(collector, "SCHEDGATE_INJECTORS"))
	}
	if injectors.Spec.CompletionMode == nil || *injectors.Spec.CompletionMode != batchv1.IndexedCompletion {
		fail("Job injectors: completionMode must be Indexed")
	}
	if injectors.Spec.Completions == nil || int(*injectors.Spec.Completions) != n {
		fail("Job injectors: completions %v, the collector's SCHEDGATE_INJECTORS %d", deref(injectors.Spec.Completions), n)
	}
	if injectors.Spec.Parallelism == nil || int(*injectors.Spec.Parallelism) != n {
		fail("Job injectors: parallelism %v, the collector's SCHEDGATE_INJECTORS %d (all must run at once)", deref(injectors.Spec.Parallelism), n)
	}

	// every injector joins the collector Service on the port the collector listens on
	coordinatorPort := 7480
	if p := env(collector, "SCHEDGATE_COORDINATOR_PORT"); p != "" {
		coordinatorPort, _ = strconv.Atoi(p)
	}
	for _, c := range injectors.Spec.Template.Spec.Containers {
		if env(&c, "SCHEDGATE_INJECTORS") != "" {
			fail("injector %s sets SCHEDGATE_INJECTORS: only the collector does", c.Name)
		}
		errs = append(errs, reaches(o, "injector "+c.Name+"'s SCHEDGATE_COORDINATOR", env(&c, "SCHEDGATE_COORDINATOR"),
			collectorSvc, collectorJob.Spec.Template.Spec.Containers, coordinatorPort)...)
	}

	// the collector's target by URL is the target Service, application and pprof ports
	appPort, pprofPort := containerPort(target.Spec.Template.Spec.Containers, "app"), containerPort(target.Spec.Template.Spec.Containers, "pprof")
	errs = append(errs, reaches(o, "collector's SCHEDGATE_TARGET_URL", env(collector, "SCHEDGATE_TARGET_URL"), targetSvc, target.Spec.Template.Spec.Containers, appPort)...)
	errs = append(errs, reaches(o, "collector's SCHEDGATE_TARGET_PPROF", env(collector, "SCHEDGATE_TARGET_PPROF"), targetSvc, target.Spec.Template.Spec.Containers, pprofPort)...)

	for _, pod := range []corev1.PodSpec{target.Spec.Template.Spec, collectorJob.Spec.Template.Spec, injectors.Spec.Template.Spec} {
		for _, c := range pod.Containers {
			if c.ImagePullPolicy != corev1.PullIfNotPresent {
				fail("container %s: imagePullPolicy %q, want IfNotPresent (images are loaded into the cluster, not pulled)", c.Name, c.ImagePullPolicy)
			}
		}
	}
	return errs
}

// reaches checks that raw is http://<svc name>:<a port of svc> and that port leads to want on the pods.
func reaches(o *Objects, what, raw string, svc *corev1.Service, pods []corev1.Container, want int) []error {
	u, err := url.Parse(raw)
	if err != nil || u.Scheme != "http" || u.Hostname() == "" {
		return []error{fmt.Errorf("%s %q is not http://host:port", what, raw)}
	}
	host := u.Hostname()
	if first, _, _ := strings.Cut(host, "."); first != svc.Name {
		return []error{fmt.Errorf("%s %q: host %s is not Service %s", what, raw, host, svc.Name)}
	}
	port := 80
	if u.Port() != "" {
		port, _ = strconv.Atoi(u.Port())
	}
	for _, p := range svc.Spec.Ports {
		if int(p.Port) != port {
			continue
		}
		to := int(p.TargetPort.IntVal)
		if p.TargetPort.StrVal != "" {
			to = containerPort(pods, p.TargetPort.StrVal)
		} else if to == 0 {
			to = port
		}
		if to != want {
			return []error{fmt.Errorf("%s %q: Service %s port %d goes to container port %d, want %d", what, raw, svc.Name, port, to, want)}
		}
		return nil
	}
	return []error{fmt.Errorf("%s %q: Service %s has no port %d", what, raw, svc.Name, port)}
}

func containerPort(cs []corev1.Container, name string) int {
	for _, c := range cs {
		for _, p := range c.Ports {
			if p.Name == name {
				return int(p.ContainerPort)
			}
		}
	}
	return 0
}

func env(c *corev1.Container, name string) string {
	for _, e := range c.Env {
		if e.Name == name {
			return e.Value
		}
	}
	return ""
}

// selects: every selector pair is among the labels (and there is at least one).
func selects(selector, labels map[string]string) bool {
	if len(selector) == 0 {
		return false
	}
	for k, v := range selector {
		if labels[k] != v {
			return false
		}
	}
	return true
}

func deref(p *int32) any {
	if p == nil {
		return "unset"
	}
	return *p
}
