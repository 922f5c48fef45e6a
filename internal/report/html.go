package report

import "io"

// HTML writes the report as one self-contained HTML file.
func (rep *Report) HTML(w io.Writer, regs *Regressions) error { return nil }
