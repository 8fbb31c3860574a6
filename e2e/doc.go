// Package e2e holds Sojourn's end-to-end tests: each scenario of
// SCENARIOS.md (TestS1 …) and the bad-input and access tests drive the public
// HTTP API of a real server over a real database, SQLite always and
// PostgreSQL when SOJOURN_TEST_POSTGRES is set.
package e2e
