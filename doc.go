// Package sojourn holds the domain of Sojourn: the types of the residence
// system (persons, documents, authorities, sponsors, cases, decisions, permits,
// status facts, users, audit entries), their validation rules and the error
// type shared by every layer. It imports nothing of the project and no
// third-party module.
package sojourn
