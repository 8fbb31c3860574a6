package match

import (
	"bytes"
	_ "embed"
	"fmt"
	"slices"

	"go.yaml.in/yaml/v3"
)

// Config is a versioned matching configuration: the thresholds, the
// blocking keys a search looks candidates up by, and the weights of the
// fields in a score. It is a YAML (or JSON) document, uploaded like a
// policy pack; Default is the one Sojourn ships.
type Config struct {
	Version string `yaml:"version" json:"version"`
	// Threshold is the least score of a likely match: the duplicate guard
	// and a person's matches answer the persons at or above it.
	Threshold float64 `yaml:"threshold" json:"threshold"`
	// SearchFloor is the least score a search answers.
	SearchFloor float64 `yaml:"search_floor" json:"search_floor"`
	// Candidates is the most persons one search scores.
	Candidates int `yaml:"candidates" json:"candidates"`
	// Keys are the blocking keys kept for each person and looked up by a
	// search: family_given, family_year, given_year.
	Keys    []string `yaml:"keys" json:"keys"`
	Weights Weights  `yaml:"weights" json:"weights"`
}

// Weights weigh the fields of a score: the family and given names make the
// name's similarity (their weighted mean), which weighs Family+Given
// against the birth date and country in a weighted geometric mean.
type Weights struct {
	Family    float64 `yaml:"family" json:"family"`
	Given     float64 `yaml:"given" json:"given"`
	BirthDate float64 `yaml:"birth_date" json:"birth_date"`
	Country   float64 `yaml:"country" json:"country"`
}

// Blocking keys.
const (
	KeyFamilyGiven = "family_given" // family key and given-name skeleton
	KeyFamilyYear  = "family_year"  // family key and birth year
	KeyGivenYear   = "given_year"   // given-name skeleton and birth year
)

var knownKeys = []string{KeyFamilyGiven, KeyFamilyYear, KeyGivenYear}

//go:embed default.yaml
var defaultSource []byte

// DefaultSource returns the text of the shipped configuration.
func DefaultSource() string { return string(defaultSource) }

// Default returns the shipped configuration.
func Default() Config {
	c, err := Parse(defaultSource)
	if err != nil {
		panic(err) // the shipped document is tested
	}
	return c
}

// Parse reads and checks a configuration document (YAML, of which JSON is a
// part); an unknown field is refused.
func Parse(src []byte) (Config, error) {
	var c Config
	dec := yaml.NewDecoder(bytes.NewReader(src))
	dec.KnownFields(true)
	if err := dec.Decode(&c); err != nil {
		return c, fmt.Errorf("match configuration: %w", err)
	}
	return c, c.check()
}

func (c Config) check() error {
	w := c.Weights
	switch {
	case c.Version == "" || len(c.Version) > 100:
		return fmt.Errorf("match configuration: version is required (at most 100 characters)")
	case c.Threshold <= 0 || c.Threshold > 1:
		return fmt.Errorf("match configuration: threshold %v is not in (0, 1]", c.Threshold)
	case c.SearchFloor < 0 || c.SearchFloor > c.Threshold:
		return fmt.Errorf("match configuration: search_floor %v is not in [0, threshold]", c.SearchFloor)
	case c.Candidates < 1 || c.Candidates > 100000:
		return fmt.Errorf("match configuration: candidates %d is not in [1, 100000]", c.Candidates)
	case w.Family < 0 || w.Given < 0 || w.BirthDate < 0 || w.Country < 0 || w.Family+w.Given <= 0:
		return fmt.Errorf("match configuration: weights must not be negative, and family + given must be positive")
	case len(c.Keys) == 0:
		return fmt.Errorf("match configuration: at least one blocking key is required (%v)", knownKeys)
	}
	for _, k := range c.Keys {
		if !slices.Contains(knownKeys, k) {
			return fmt.Errorf("match configuration: unknown blocking key %q (known: %v)", k, knownKeys)
		}
	}
	return nil
}
