package reports

import (
	"context"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestPrintsWithLibreOffice converts the scorecard to PDF with LibreOffice
// and checks the first page shows the title and a unit.
func TestPrintsWithLibreOffice(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("soffice not installed (Debian package libreoffice-calc-nogui); skipping the PDF check")
	}
	pdftotext, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Fatal("soffice is installed but pdftotext is not (Debian package poppler-utils)")
	}
	_, scorecard, _ := workbooks(t)
	dir := t.TempDir()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	// A profile of its own, so a desktop LibreOffice or a parallel run
	// does not lock it.
	cmd := exec.CommandContext(ctx, soffice, "--headless", "--norestore",
		"-env:UserInstallation=file://"+filepath.Join(dir, "profile"),
		"--convert-to", "pdf", "--outdir", dir, scorecard)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	pdf := filepath.Join(dir, strings.TrimSuffix(filepath.Base(scorecard), ".xlsx")+".pdf")
	out, err := exec.CommandContext(ctx, pdftotext, "-f", "1", "-l", "1", "-layout", pdf, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	page := string(out)
	if !strings.Contains(page, scorecardTitle) {
		t.Errorf("first page lacks the title %q:\n%s", scorecardTitle, page)
	}
	if !strings.Contains(page, "城关镇") {
		t.Errorf("first page names no unit:\n%s", page)
	}
}
