package io.rigshare.agent.cli;

import java.io.PrintWriter;

/**
 * One {@code doctor} finding: a verdict, what was checked, what was found, and for a warning or failure how to fix
 * it.
 */
record Check(Verdict verdict, String name, String detail, String fix) {

  enum Verdict { PASS, WARN, FAIL }

  static Check pass(String name, String detail) {
    return new Check(Verdict.PASS, name, detail, null);
  }

  static Check warn(String name, String detail, String fix) {
    return new Check(Verdict.WARN, name, detail, fix);
  }

  static Check fail(String name, String detail, String fix) {
    return new Check(Verdict.FAIL, name, detail, fix);
  }

  void print(PrintWriter out) {
    out.printf("%-4s  %-13s %s%n", verdict, name, detail);
    if (verdict != Verdict.PASS && fix != null && !fix.isBlank()) {
      out.printf("      %-13s fix: %s%n", "", fix);
    }
  }
}
