package service

import "sojourn"

// notInFuture refuses a date after today (the server's clock): a birth or a
// decision cannot have happened yet.
func notInFuture(what, field string, d, today sojourn.Date) error {
	if !d.After(today) {
		return nil
	}
	return &sojourn.Error{Code: sojourn.CodeInvalid, Message: "invalid " + what,
		Fields: []sojourn.FieldError{{Field: field, Message: "is in the future (today is " + today.String() + ")"}}}
}
