-- Sojourn schema 5: every audit entry carries the classification of what it
-- describes (a case, or the case an obligation arises from), recorded when
-- it is written, so that auditors see only entries their clearance covers.
ALTER TABLE audit_log ADD COLUMN classification TEXT NOT NULL DEFAULT 'unclassified';

UPDATE audit_log SET classification = COALESCE(
    (SELECT c.classification FROM cases c WHERE c.id = CAST(substr(audit_log.object, 6) AS BIGINT)), 'unclassified')
WHERE object ~ '^case/[0-9]+$';

UPDATE audit_log SET classification = COALESCE(
    (SELECT c.classification FROM obligations o JOIN cases c ON c.id = o.case_id
     WHERE o.id = CAST(substr(audit_log.object, 12) AS BIGINT)), 'unclassified')
WHERE object ~ '^obligation/[0-9]+$';
