package main

import (
	"context"
	"os"
	"testing"

	"github.com/gongkai/gongkai/etl"
)

// TestMain lets this test binary serve as Publish's verifier child, as the
// gongkai binary does, and as the gongkai command itself when asked to
// (the completion tests run it from a shell).
func TestMain(m *testing.M) {
	if code, child := etl.VerifyChild(); child {
		os.Exit(code)
	}
	if os.Getenv(envTestAsMain) == "1" {
		os.Exit(Main(context.Background(), os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

// envTestAsMain makes the test binary run as gongkai.
const envTestAsMain = "GONGKAI_TEST_AS_MAIN"
