package main

import (
	"os"
	"testing"

	"github.com/gongkai/gongkai/etl"
)

// TestMain lets this test binary serve as Publish's verifier child, as the
// gongkai binary does.
func TestMain(m *testing.M) {
	if code, child := etl.VerifyChild(); child {
		os.Exit(code)
	}
	os.Exit(m.Run())
}
