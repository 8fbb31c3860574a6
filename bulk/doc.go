// Package bulk moves many rows at once through Sojourn's rules: import of
// persons (with their documents), documents, cases and status facts from
// JSON Lines or CSV, streamed in constant memory, checked row by row and
// written in large audited transactions; export in the same formats; and a
// deterministic, seeded synthetic population (Generate) written the same
// way.
package bulk
