module schedgate.dev/services/single-slot

go 1.22
