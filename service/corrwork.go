package service

import (
	"context"
	"os"
	"path/filepath"

	"sojourn"
	"sojourn/access"
	"sojourn/store"
)

// itemFor loads an item for a change by the actor, locked, if the actor
// may take act on it.
func itemFor(ctx context.Context, tx *store.Tx, id int64, act access.Action) (sojourn.Actor, store.StoredItem, error) {
	st, err := tx.ItemByID(ctx, id, true)
	if err != nil {
		return sojourn.Actor{}, st, err
	}
	a, err := authorize(ctx, act, itemTarget(st.Item))
	return a, st, err
}

// checkUnit checks that a unit (an authority) exists.
func checkUnit(ctx context.Context, tx *store.Tx, what, field, unit string) error {
	if _, err := tx.AuthorityByCode(ctx, unit); err != nil {
		return invalidField(what, field, "no such unit")
	}
	return nil
}

// RouteItem routes an item to a unit on a date.
func (s *Service) RouteItem(ctx context.Context, id int64, in sojourn.RouteInput) (sojourn.Route, error) {
	if err := precheck(ctx, access.RouteItem, in); err != nil {
		return sojourn.Route{}, err
	}
	var out sojourn.Route
	err := s.write(ctx, func(tx *store.Tx) error {
		a, _, err := itemFor(ctx, tx, id, access.RouteItem)
		if err != nil {
			return err
		}
		if err := checkUnit(ctx, tx, "route", "unit", in.Unit); err != nil {
			return err
		}
		if out, err = tx.AddRoute(ctx, id, sojourn.Route{Unit: in.Unit, RoutedOn: in.RoutedOn, Note: in.Note, RoutedBy: a.Name}); err != nil {
			return err
		}
		return s.record(ctx, tx, a, access.RouteItem, objectID("item", id), out)
	})
	return out, err
}

// ResolveItem records an authorised person's resolution on an item; with
// a task unit it sets that unit a task due on a date, which is on the
// unit's overdue list from the day after until it is done.
func (s *Service) ResolveItem(ctx context.Context, id int64, in sojourn.ResolutionInput) (sojourn.Resolution, error) {
	if err := precheck(ctx, access.ResolveItem, in); err != nil {
		return sojourn.Resolution{}, err
	}
	var out sojourn.Resolution
	err := s.write(ctx, func(tx *store.Tx) error {
		a, st, err := itemFor(ctx, tx, id, access.ResolveItem)
		if err != nil {
			return err
		}
		if in.ResolvedOn.Before(st.Date) {
			return invalidField("resolution", "resolved_on", "is before the item's date ("+st.Date.String()+")")
		}
		r := sojourn.Resolution{Text: in.Text, ResolvedOn: in.ResolvedOn, ResolvedBy: a.Name}
		if in.TaskUnit != "" {
			if err := checkUnit(ctx, tx, "resolution", "task_unit", in.TaskUnit); err != nil {
				return err
			}
			r.Task = &sojourn.Task{Unit: in.TaskUnit, DueOn: in.DueOn, Text: in.Text, Number: st.Number}
		}
		if out, err = tx.AddResolution(ctx, id, r); err != nil {
			return err
		}
		return s.record(ctx, tx, a, access.ResolveItem, objectID("item", id), out)
	})
	return out, err
}

// CompleteTask records that a resolution's task was done, by staff of the
// unit it was set or of the item's authority.
func (s *Service) CompleteTask(ctx context.Context, id int64, in sojourn.TaskDoneInput) (sojourn.Task, error) {
	if err := precheck(ctx, access.CompleteTask, in); err != nil {
		return sojourn.Task{}, err
	}
	var out sojourn.Task
	err := s.write(ctx, func(tx *store.Tx) error {
		k, err := tx.TaskByID(ctx, id)
		if err != nil {
			return err
		}
		a, err := authorize(ctx, access.CompleteTask, access.Target{Authority: k.Unit, Classification: k.Classification})
		if sojourn.ErrorCode(err) == sojourn.CodeNotFound {
			st, lerr := tx.ItemByID(ctx, k.ItemID, false)
			if lerr != nil {
				return lerr
			}
			a, err = authorize(ctx, access.CompleteTask, itemTarget(st.Item))
		}
		if err != nil {
			return err
		}
		if !k.DoneOn.IsZero() {
			return sojourn.Errorf(sojourn.CodeConflict, "the task was done on %s", k.DoneOn)
		}
		if err := tx.CompleteTask(ctx, id, in.DoneOn); err != nil {
			return err
		}
		k.DoneOn, out = in.DoneOn, k
		return s.record(ctx, tx, a, access.CompleteTask, objectID("item", k.ItemID), k)
	})
	return out, err
}

// OverdueTasks returns the tasks set a unit that are overdue on a date (the
// zero date meaning today), within the actor's clearance.
func (s *Service) OverdueTasks(ctx context.Context, unit string, on sojourn.Date) ([]sojourn.Task, error) {
	a, err := authorize(ctx, access.ReadItem, access.Target{Authority: unit})
	if err != nil {
		return nil, err
	}
	if on.IsZero() {
		on = sojourn.DateOf(s.now())
	}
	var out []sojourn.Task
	err = s.store.Read(ctx, func(tx *store.Tx) error {
		if _, err := tx.AuthorityByCode(ctx, unit); err != nil {
			return err
		}
		out, err = tx.OverdueTasks(ctx, unit, visibility(a), on)
		return err
	})
	return out, err
}

// LinkItem ties an item to a case or a person it concerns.
func (s *Service) LinkItem(ctx context.Context, id int64, in sojourn.LinkInput) (sojourn.Item, error) {
	if err := precheck(ctx, access.LinkItem, in); err != nil {
		return sojourn.Item{}, err
	}
	var out sojourn.Item
	err := s.write(ctx, func(tx *store.Tx) error {
		a, _, err := itemFor(ctx, tx, id, access.LinkItem)
		if err != nil {
			return err
		}
		l := sojourn.ItemLink(in)
		if l.PersonID != 0 {
			if err := correspondent(ctx, tx, l.PersonID, "link", "person_id"); err != nil {
				return err
			}
		} else if err := linkedCase(ctx, tx, l.CaseID); err != nil {
			return invalidField("link", "case_id", "no such case")
		}
		if err := tx.AddLink(ctx, id, l); err != nil {
			return err
		}
		if err := s.record(ctx, tx, a, access.LinkItem, objectID("item", id), l); err != nil {
			return err
		}
		out, err = readItem(ctx, tx, id)
		return err
	})
	return out, err
}

// HoldItem sets or lifts an item's legal hold, which stops its destruction.
func (s *Service) HoldItem(ctx context.Context, id int64, in sojourn.HoldInput) (sojourn.Item, error) {
	if err := precheck(ctx, access.HoldItem, in); err != nil {
		return sojourn.Item{}, err
	}
	var out sojourn.Item
	err := s.write(ctx, func(tx *store.Tx) error {
		a, st, err := itemFor(ctx, tx, id, access.HoldItem)
		if err != nil {
			return err
		}
		if st.Destroyed {
			return sojourn.Errorf(sojourn.CodeConflict, "the item's content was destroyed")
		}
		if err := tx.SetLegalHold(ctx, id, in.Hold); err != nil {
			return err
		}
		if err := s.record(ctx, tx, a, access.HoldItem, objectID("item", id), in); err != nil {
			return err
		}
		out, err = readItem(ctx, tx, id)
		return err
	})
	return out, err
}

// DestroyItem destroys an item's content under a retention rule, giving
// reasons: its body and attachments leave the tables (and the attachment
// directory) and the full-text index; the registry row stays, marked
// destroyed, with a destruction record naming who, when, the rule and the
// hash of what was destroyed. An item under legal hold, kept permanently
// or still within its retention period is refused.
func (s *Service) DestroyItem(ctx context.Context, id int64, in sojourn.DestructionInput) (sojourn.Destruction, error) {
	if err := precheck(ctx, access.DestroyItem, in); err != nil {
		return sojourn.Destruction{}, err
	}
	var out sojourn.Destruction
	var files []string
	err := s.write(ctx, func(tx *store.Tx) error {
		a, st, err := itemFor(ctx, tx, id, access.DestroyItem)
		if err != nil {
			return err
		}
		today := sojourn.DateOf(tx.Now())
		switch {
		case st.Destroyed:
			return sojourn.Errorf(sojourn.CodeConflict, "the item's content was destroyed already")
		case st.LegalHold:
			return sojourn.Errorf(sojourn.CodeConflict, "the item is under legal hold")
		case st.RetainUntil.IsZero():
			return sojourn.Errorf(sojourn.CodeConflict, "the item is kept permanently (retention %s)", st.Retention)
		case !st.RetainUntil.Before(today):
			return sojourn.Errorf(sojourn.CodeConflict, "the item is kept until %s", st.RetainUntil)
		}
		atts, err := tx.AttachmentsOf(ctx, id)
		if err != nil {
			return err
		}
		for _, at := range atts {
			if at.InDir {
				files = append(files, at.SHA256)
			}
		}
		out, err = tx.DestroyItem(ctx, st, sojourn.Destruction{Rule: in.Rule, Reason: in.Reason, ContentHash: st.ContentHash, By: a.Name})
		if err != nil {
			return err
		}
		if files, err = tx.UnusedFiles(ctx, files); err != nil {
			return err
		}
		return s.record(ctx, tx, a, access.DestroyItem, objectID("item", id), out)
	})
	if err != nil {
		return out, err
	}
	for _, f := range files {
		if err := os.Remove(filepath.Join(s.cfg.AttachmentDir, f)); err != nil && !os.IsNotExist(err) {
			return out, sojourn.Internal(err)
		}
	}
	return out, nil
}

// DueForDestruction returns the items whose retention ended before a date
// (zero: today), neither destroyed nor held, within the actor's view.
func (s *Service) DueForDestruction(ctx context.Context, on sojourn.Date, limit int) ([]sojourn.ItemSummary, error) {
	a, err := authorize(ctx, access.ReadItem, access.Target{})
	if err != nil {
		return nil, err
	}
	if on.IsZero() {
		on = sojourn.DateOf(s.now())
	}
	return s.listItems(ctx, func(tx *store.Tx) ([]sojourn.ItemSummary, error) {
		return tx.DueForDestruction(ctx, on, visibility(a), s.limit(limit))
	})
}

// CountDueForDestruction counts the items of every authority whose
// retention ended before a date (zero: today), neither destroyed nor held:
// the periodic job's figure for the log, which names no item.
func (s *Service) CountDueForDestruction(ctx context.Context, on sojourn.Date) (int64, error) {
	if _, err := authorize(ctx, access.DestroyItem, access.Target{}); err != nil {
		return 0, err
	}
	if on.IsZero() {
		on = sojourn.DateOf(s.now())
	}
	var n int64
	err := s.store.Read(ctx, func(tx *store.Tx) (err error) {
		n, err = tx.CountDueForDestruction(ctx, on)
		return err
	})
	return n, err
}
