package main

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/gongkai/gongkai/rules"
)

// rulesYear is the year whose built-in rules the bench installs: the
// farm's data fall in it.
const rulesYear = 2026

// installRules puts the built-in rules into a database being published,
// as the load step does.
func installRules(ctx context.Context, db *sql.DB) error {
	r, err := rules.Default(rulesYear)
	if err != nil {
		return fmt.Errorf("rules: %w", err)
	}
	if err := rules.Install(ctx, db, r); err != nil {
		return fmt.Errorf("install rules: %w", err)
	}
	return nil
}
