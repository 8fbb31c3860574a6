-- Sojourn schema 8: registration with the office of a city, review
-- campaigns, citizenship decrees and elections.

-- A registration's validity is its status-ledger fact (kind registration,
-- ref = number, authority = office); the row keeps the city and category.
CREATE TABLE registrations (
    id          INTEGER PRIMARY KEY,
    person_id   INTEGER NOT NULL REFERENCES persons(id),
    office      TEXT NOT NULL REFERENCES authorities(code),
    number      TEXT NOT NULL,
    city        TEXT NOT NULL,
    category    TEXT NOT NULL,
    recorded_at INTEGER NOT NULL,
    recorded_by TEXT NOT NULL,
    UNIQUE (office, number)
);
CREATE INDEX registrations_person ON registrations(person_id);

-- A review campaign; its run is the job job_id, which resumes after the
-- last person examined (cursor), moved on in each batch's transaction.
CREATE TABLE campaigns (
    id              INTEGER PRIMARY KEY,
    name            TEXT NOT NULL,
    legal_reference TEXT NOT NULL,
    rule            TEXT NOT NULL,
    on_date         TEXT NOT NULL,
    authority       TEXT NOT NULL DEFAULT '',
    batch_size      INTEGER NOT NULL,
    job_id          INTEGER NOT NULL REFERENCES jobs(id),
    cursor          INTEGER NOT NULL DEFAULT 0,
    created_by      TEXT NOT NULL,
    created_at      INTEGER NOT NULL
);

-- One row per person of a campaign's cohort: the uniqueness key makes a
-- second review case for a person impossible, whatever a resumed run does.
CREATE TABLE campaign_reviews (
    id          INTEGER PRIMARY KEY,
    campaign_id INTEGER NOT NULL REFERENCES campaigns(id),
    person_id   INTEGER NOT NULL REFERENCES persons(id),
    city        TEXT NOT NULL,
    case_id     INTEGER REFERENCES cases(id),
    UNIQUE (campaign_id, person_id)
);
CREATE INDEX campaign_reviews_case ON campaign_reviews(case_id);

CREATE TABLE decrees (
    id              INTEGER PRIMARY KEY,
    legal_reference TEXT NOT NULL,
    decreed_on      TEXT NOT NULL,
    class           TEXT NOT NULL,
    citizenship     TEXT NOT NULL,
    grants          TEXT NOT NULL,
    deadline        TEXT NOT NULL,
    authority       TEXT NOT NULL DEFAULT '',
    job_id          INTEGER NOT NULL REFERENCES jobs(id),
    cursor          INTEGER NOT NULL DEFAULT 0,
    created_by      TEXT NOT NULL,
    created_at      INTEGER NOT NULL
);

-- One election per person of a decree's class.
CREATE TABLE elections (
    id          INTEGER PRIMARY KEY,
    decree_id   INTEGER NOT NULL REFERENCES decrees(id),
    person_id   INTEGER NOT NULL REFERENCES persons(id),
    deadline    TEXT NOT NULL,
    choice      TEXT NOT NULL DEFAULT '',
    elected_on  TEXT,
    recorded_at INTEGER,
    recorded_by TEXT NOT NULL DEFAULT '',
    UNIQUE (decree_id, person_id)
);
CREATE INDEX elections_person ON elections(person_id);
