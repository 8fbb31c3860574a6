package store

import (
	"context"

	"sojourn"
	"sojourn/match"
)

func scanMatchConfig(s scanner) (sojourn.MatchConfig, error) {
	var c sojourn.MatchConfig
	var at int64
	err := s.Scan(&c.Revision, &c.Version, &c.Source, &c.UploadedBy, &at)
	c.UploadedAt = fromMicros(at)
	return c, err
}

// AddMatchConfig stores the next revision of the matching configuration;
// two uploads racing for a number conflict.
func (t *Tx) AddMatchConfig(ctx context.Context, c sojourn.MatchConfig) (sojourn.MatchConfig, error) {
	err := t.queryRow(ctx, "SELECT COALESCE(MAX(revision), 0) + 1 FROM match_configs").Scan(&c.Revision)
	if err != nil {
		return c, t.d.translate(err)
	}
	c.UploadedAt = fromMicros(micros(c.UploadedAt))
	_, err = t.insert(ctx, `INSERT INTO match_configs (revision, version, source, uploaded_by, uploaded_at) VALUES (?, ?, ?, ?, ?)`,
		c.Revision, c.Version, c.Source, c.UploadedBy, micros(c.UploadedAt))
	return c, err
}

// CurrentMatchConfig returns the newest uploaded configuration, or the
// shipped default (revision 0) when none was uploaded.
func (t *Tx) CurrentMatchConfig(ctx context.Context) (sojourn.MatchConfig, error) {
	list, err := getAll(ctx, t, scanMatchConfig, `SELECT revision, version, source, uploaded_by, uploaded_at
		FROM match_configs ORDER BY revision DESC LIMIT 1`)
	if err != nil {
		return sojourn.MatchConfig{}, err
	}
	if len(list) == 1 {
		return list[0], nil
	}
	return sojourn.MatchConfig{Version: match.Default().Version, Source: match.DefaultSource()}, nil
}
