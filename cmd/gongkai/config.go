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
