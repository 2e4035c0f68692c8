package main

import (
	"errors"
	"io/fs"
	"os"

	"github.com/gongkai/gongkai/config"
)

// configFlag registers --config with its default.
func configFlag(fs *flagSet) *string {
	return fs.String("config", "gongkai.yaml", "configuration file")
}

// loadConfig reads the config, turning a missing default file into a usage
// error with a hint.
func loadConfig(path string) (*config.Config, error) {
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		return nil, usagef("gongkai init --config "+path+" (a commented starter file), or pass --config FILE", "config file %s not found", path)
	}
	return config.Load(path)
}

// perUnitFlag registers --per-unit, on by default for every command that
// writes workbooks, so run and report write the same set.
func perUnitFlag(fs *flagSet) *bool {
	return fs.Bool("per-unit", true, "also write one 问题清单 workbook per unit")
}
