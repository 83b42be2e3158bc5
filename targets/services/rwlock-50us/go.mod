module schedgate.dev/services/rwlock-50us

go 1.22
