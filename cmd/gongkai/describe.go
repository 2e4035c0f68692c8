package main

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"strings"
	"time"

	"github.com/spf13/pflag"
)

// describeCommands returns every command's flag set, learnt by running
// the command with --help into a discarded buffer: the flags are defined
// once, where the command parses them.
func describeCommands(ctx context.Context) (map[string]*flagSet, error) {
	sets := map[string]*flagSet{}
	for _, c := range commands() {
		var buf bytes.Buffer
		e := &env{stdin: strings.NewReader(""), stdout: &buf, stderr: &buf,
			log: slog.New(slog.DiscardHandler), now: time.Now}
		e.flagSink = func(fs *flagSet) {
			if _, ok := sets[c.name]; !ok {
				sets[c.name] = fs
			}
		}
		if err := c.run(ctx, e, []string{"--help"}); err != nil && !errors.Is(err, pflag.ErrHelp) {
			return nil, err
		}
	}
	return sets, nil
}
