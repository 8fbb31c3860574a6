package sojourn

import (
	"strings"
	"time"
	"unicode"
)

// Name is one rendering of a person's name in one writing system. Script is a
// Unicode script name such as "Latin", "Cyrillic", "Hangul" or "Han", or its
// ISO 15924 code ("Latn", "Cyrl", "Hang", "Hani"); every letter of the name
// must belong to it.
type Name struct {
	Script string `json:"script" doc:"script of the name: a Unicode script name (Latin, Cyrillic, Hangul) or an ISO 15924 code (Latn, Cyrl, Hang)" example:"Latin"`
	Family string `json:"family" maxLength:"200" example:"Wirth"`
	Given  string `json:"given,omitempty" maxLength:"200" example:"Anna"`
}

// Full returns the name as "Given Family".
func (n Name) Full() string {
	return strings.TrimSpace(n.Given + " " + n.Family)
}

// Validate checks that the name is present and written in its script.
func (n Name) Validate() error {
	var p Problems
	script, ok := ScriptName(n.Script)
	table := unicode.Scripts[script]
	if !ok {
		p.Add("script", "%q is neither a Unicode script name (e.g. Latin, Cyrillic, Hangul) nor an ISO 15924 code (e.g. Latn, Cyrl, Hang)", n.Script)
	}
	p.Require("family", n.Family)
	p.MaxLen("family", n.Family, 200)
	p.MaxLen("given", n.Given, 200)
	p.PlainText("family", n.Family)
	p.PlainText("given", n.Given)
	if ok {
		checkScript(&p, "family", n.Family, script, table)
		checkScript(&p, "given", n.Given, script, table)
	}
	return p.Err("name")
}

func checkScript(p *Problems, field, s, script string, table *unicode.RangeTable) {
	for _, r := range s {
		if unicode.IsLetter(r) && !unicode.Is(table, r) {
			p.Add(field, "letter %q is not %s script", r, script)
			return
		}
	}
}

// Person is someone whose status Sojourn keeps. Authority is the code of the
// authority that keeps the person's file. Names, birth date and country are
// changed only by a PersonCorrection: each version is recorded at
// RecordedAt (for Reason, when it corrects an earlier one), and the versions
// it replaced stay readable as known at their time.
type Person struct {
	ID              int64     `json:"id"`
	Authority       string    `json:"authority"`
	Names           []Name    `json:"names"`
	BirthDate       Date      `json:"birth_date"`
	CountryOfOrigin string    `json:"country_of_origin"`
	CreatedAt       time.Time `json:"created_at"`
	RecordedAt      time.Time `json:"recorded_at" doc:"when this version of the file was recorded"`
	Reason          string    `json:"reason,omitempty" doc:"why this version corrected the one before"`
}

// PersonInput is what a clerk submits to register a person.
type PersonInput struct {
	Authority       string `json:"authority" doc:"code of the authority that keeps the file" example:"VRD"`
	Names           []Name `json:"names" minItems:"1" maxItems:"20"`
	BirthDate       Date   `json:"birth_date" example:"1910-04-03"`
	CountryOfOrigin string `json:"country_of_origin" doc:"ISO 3166 code, historical codes allowed" example:"CS"`
	ConfirmNew      bool   `json:"confirm_new,omitempty" doc:"register even though likely matches exist (the 409 answer lists them): the clerk confirms a new person"`
}

// Validate checks the input field by field.
func (in PersonInput) Validate() error {
	var p Problems
	p.Require("authority", in.Authority)
	if len(in.Names) == 0 {
		p.Add("names", "at least one name is required")
	}
	for i, n := range in.Names {
		p.Nest("names["+itoa(i)+"]", n.Validate())
	}
	p.RequireDate("birth_date", in.BirthDate)
	p.Country("country_of_origin", in.CountryOfOrigin)
	return p.Err("person")
}

// PersonCorrection corrects a person's names, birth date or country of
// origin; what is absent stays as it was. Reason is required and kept.
type PersonCorrection struct {
	Names           []Name `json:"names,omitempty" maxItems:"20" doc:"the corrected names (all of them); default unchanged"`
	BirthDate       Date   `json:"birth_date,omitzero" doc:"corrected birth date; default unchanged"`
	CountryOfOrigin string `json:"country_of_origin,omitempty" doc:"corrected country of origin; default unchanged"`
	Reason          string `json:"reason" minLength:"1" maxLength:"2000" example:"the family name was transliterated wrongly"`
}

// Validate checks the correction field by field.
func (in PersonCorrection) Validate() error {
	var p Problems
	p.Require("reason", in.Reason)
	p.MaxLen("reason", in.Reason, 2000)
	for i, n := range in.Names {
		p.Nest("names["+itoa(i)+"]", n.Validate())
	}
	if in.CountryOfOrigin != "" {
		p.Country("country_of_origin", in.CountryOfOrigin)
	}
	if len(in.Names) == 0 && in.BirthDate.IsZero() && in.CountryOfOrigin == "" {
		p.Add("names", "a correction must change something")
	}
	return p.Err("correction")
}

// Apply returns the corrected version of p (not yet recorded).
func (in PersonCorrection) Apply(p Person) Person {
	if len(in.Names) > 0 {
		p.Names = in.Names
	}
	if !in.BirthDate.IsZero() {
		p.BirthDate = in.BirthDate
	}
	if in.CountryOfOrigin != "" {
		p.CountryOfOrigin = in.CountryOfOrigin
	}
	p.Reason = in.Reason
	return p
}

// DisplayName returns the first Latin name, or the first name of any script.
func (p Person) DisplayName() string {
	for _, n := range p.Names {
		if script, _ := ScriptName(n.Script); script == "Latin" {
			return n.Full()
		}
	}
	if len(p.Names) > 0 {
		return p.Names[0].Full()
	}
	return ""
}
