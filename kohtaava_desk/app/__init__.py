"""The Qt-free composition root: what the app, `demo`, `analyze`, `enroll` and the benchmarks build from
the configuration — listening pipeline (`app.listening`), live session, speech recogniser, store and
spoken cues (`app.services`) — is built here, typed, once. `ui/` only adapts it to Qt: its WorkerBridge
is the services' `Sink`."""
