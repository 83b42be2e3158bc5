module schedgate.dev/services/leaky

go 1.22
