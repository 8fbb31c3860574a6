package sojourn

import "time"

// FactRegistration is the ledger fact of a resident's registration with the
// office of their city: Ref is the registration number, Authority the
// office, the period its validity. Re-registration and moves between
// cities record new facts; the ones they replace end the day before, by a
// correction that keeps the earlier record (status_facts history).
const FactRegistration = "registration"

// Registration is a resident's registration with the local office of a
// city in a category of residents, valid for a period. Its validity lives
// in the status ledger (Fact); the row keeps the city and category.
type Registration struct {
	ID       int64  `json:"id"`
	PersonID int64  `json:"person_id"`
	Office   string `json:"office" doc:"code of the local office that registered the person"`
	Number   string `json:"number" example:"REG-000001"`
	City     string `json:"city"`
	Category string `json:"category" doc:"category of residents, e.g. worker, student"`
	FactID   int64  `json:"fact_id" doc:"the status-ledger fact that holds the registration's validity"`
	Period
	RecordedAt time.Time `json:"recorded_at"`
	RecordedBy string    `json:"recorded_by"`
}

// RegistrationInput registers a person with the office of a city. A
// registration valid on ValidFrom (an earlier one, or one in another city)
// ends the day before.
type RegistrationInput struct {
	City     string `json:"city" minLength:"1" maxLength:"200" example:"Tashkent"`
	Category string `json:"category" minLength:"1" maxLength:"100" example:"worker"`
	Period
}

// Validate checks the input field by field.
func (in RegistrationInput) Validate() error {
	var p Problems
	p.Require("city", in.City)
	p.MaxLen("city", in.City, 200)
	p.Require("category", in.Category)
	p.MaxLen("category", in.Category, 100)
	p.RequireDate("valid_from", in.ValidFrom)
	p.Period("valid_from", in.ValidFrom, "valid_to", in.ValidTo)
	return p.Err("registration")
}

// RegistrationNumber formats the n-th registration number of an office,
// e.g. REG-000042.
func RegistrationNumber(n int64) string { return seriesNumber("REG-", n) }

// seriesNumber formats the n-th number of a register series with its
// prefix, zero-padded to six digits.
func seriesNumber(prefix string, n int64) string {
	s := itoa(int(n))
	for len(s) < 6 {
		s = "0" + s
	}
	return prefix + s
}
