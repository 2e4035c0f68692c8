//go:build !unix

package checkpoint

import "os"

func kill() { os.Exit(137) }
