// Package match finds the same person written in Latin, Cyrillic and
// Hangul. It folds each name to Latin keys (Unicode NFKC, case folding,
// diacritics and breves removed; Cyrillic transliterated by the passport
// convention, ISO 9 spellings read too; Hangul romanised syllable by
// syllable by Revised Romanization and McCune–Reischauer), reads name
// order, hyphens and spaces in given names, patronymics and initials, and
// scores a pair of records by Jaro–Winkler similarity of the keys, a
// phonetic skeleton, the birth date (possibly partial) and the country,
// with the reasons for the score. Thresholds, blocking keys and weights
// are a versioned Config; Default is the shipped one.
//
// The package is pure: no database, no clock.
package match
