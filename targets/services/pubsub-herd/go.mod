module schedgate.dev/services/pubsub-herd

go 1.22
