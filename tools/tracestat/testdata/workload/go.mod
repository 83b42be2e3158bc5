module schedgate.dev/tracestat/workload

go 1.22
