package sojourn

import "time"

// Roles of users.
const (
	RoleClerk   = "clerk"
	RoleOfficer = "officer"
	RoleHead    = "head"
	RoleAuditor = "auditor"
	RoleAdmin   = "admin"
)

// Roles lists every role.
var Roles = []string{RoleClerk, RoleOfficer, RoleHead, RoleAuditor, RoleAdmin}

// User is a person who works with Sojourn: their role, the authority they
// work for (none for administrators and auditors of the whole system) and
// their clearance.
type User struct {
	ID        int64     `json:"id"`
	Name      string    `json:"name"`
	Role      string    `json:"role"`
	Authority string    `json:"authority,omitempty"`
	Clearance Level     `json:"clearance"`
	Disabled  bool      `json:"disabled"`
	CreatedAt time.Time `json:"created_at"`
}

// UserInput is what an administrator submits to create a user.
type UserInput struct {
	Name      string `json:"name" minLength:"1" maxLength:"200" example:"clerk.vrd"`
	Role      string `json:"role" enum:"clerk,officer,head,auditor,admin"`
	Authority string `json:"authority,omitempty"`
	Clearance Level  `json:"clearance,omitempty" enum:"unclassified,restricted,secret,top_secret"`
}

// Validate checks the input field by field.
func (in UserInput) Validate() error {
	var p Problems
	p.Require("name", in.Name)
	p.MaxLen("name", in.Name, 200)
	p.PlainText("name", in.Name)
	p.OneOf("role", in.Role, Roles...)
	if in.Clearance != "" && !in.Clearance.Valid() {
		p.Add("clearance", "must be one of %v", Levels)
	}
	needsAuthority := in.Role == RoleClerk || in.Role == RoleOfficer || in.Role == RoleHead
	if needsAuthority && in.Authority == "" {
		p.Add("authority", "is required for the role %s", in.Role)
	}
	return p.Err("user")
}

// Actor is the authenticated user on whose behalf a call runs. ReadOnly is
// set when the call came with a token of scope "read".
type Actor struct {
	UserID    int64
	Name      string
	Role      string
	Authority string
	Clearance Level
	ReadOnly  bool
}

// System is the actor of changes Sojourn makes on its own (migrations, demo
// data, scheduled jobs).
var System = Actor{Name: "system", Role: RoleAdmin, Clearance: TopSecret}
