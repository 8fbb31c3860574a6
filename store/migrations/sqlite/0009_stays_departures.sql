-- Sojourn schema 9: admission, time-limited stays and departures (S3, S6).

-- What a case of admission, stay, stay extension or departure carries
-- beyond the common fields; id is the case's.
CREATE TABLE case_particulars (
    id                INTEGER PRIMARY KEY REFERENCES cases(id),
    ground            TEXT NOT NULL DEFAULT '',
    exceptional_route INTEGER NOT NULL DEFAULT 0,
    stay_purpose      TEXT NOT NULL DEFAULT '',
    stay_until        TEXT,
    approved_by       TEXT NOT NULL DEFAULT '',
    approval_authority TEXT NOT NULL DEFAULT '',
    approved_on       TEXT,
    approval_grounds  TEXT NOT NULL DEFAULT '',
    suspended_from    TEXT NOT NULL DEFAULT '',
    enforced_on       TEXT
);

-- The departure each time-limited stay makes due on its last day.
CREATE TABLE departure_dues (
    id          INTEGER PRIMARY KEY,
    person_id   INTEGER NOT NULL REFERENCES persons(id),
    authority   TEXT NOT NULL REFERENCES authorities(code),
    case_id     INTEGER NOT NULL REFERENCES cases(id),
    fact_id     INTEGER NOT NULL REFERENCES status_facts(id),
    purpose     TEXT NOT NULL,
    due_on      TEXT NOT NULL,
    departed_on TEXT,
    extended_by INTEGER REFERENCES cases(id),
    flagged_on  TEXT,
    created_at  INTEGER NOT NULL
);
CREATE INDEX departure_dues_person ON departure_dues(person_id);
CREATE INDEX departure_dues_open_due ON departure_dues(due_on) WHERE departed_on IS NULL AND extended_by IS NULL;
CREATE INDEX departure_dues_authority ON departure_dues(authority, id) WHERE flagged_on IS NOT NULL;
