package io.rigshare.bench;

import java.time.Duration;
import java.util.Locale;

/**
 * The bench tools' strict command line: {@code --flag value} or {@code --flag=value}, switches without a value, and
 * {@code --help} (or {@code -h}), which is an IllegalArgumentException with an empty message: the tool then prints
 * its usage. An unknown flag or a bad value is an IllegalArgumentException that names it.
 */
final class Flags {
  private Flags() {}

  /** A tool's options, as the command line sets them. */
  interface Target {
    /** Turns on the switch {@code flag}; false if it is not one (then it is a flag with a value). */
    boolean turnOn(String flag);

    /** Sets {@code flag} to {@code value}; IllegalArgumentException for an unknown flag or a bad value. */
    void set(String flag, String value);

    /** Checks the options together once all are set; IllegalArgumentException with what is wrong. */
    void validate();
  }

  /** Sets {@code target} from {@code args} and validates it. */
  static <T extends Target> T parse(String[] args, T target) {
    for (int i = 0; i < args.length; i++) {
      String flag = args[i];
      String value = null;
      int eq = flag.indexOf('=');
      if (flag.startsWith("--") && eq > 0) {
        value = flag.substring(eq + 1);
        flag = flag.substring(0, eq);
      }
      if (flag.equals("--help") || flag.equals("-h")) {
        throw new IllegalArgumentException("");
      }
      if (target.turnOn(flag)) {
        continue;
      }
      if (value == null) {
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException(flag + " needs a value");
        }
        value = args[++i];
      }
      target.set(flag, value);
    }
    target.validate();
    return target;
  }

  static IllegalArgumentException unknown(String flag) {
    return new IllegalArgumentException("unknown option " + flag);
  }

  /** A whole number in [min, max]; {@code _} and {@code ,} may group its digits (10,000). */
  static int intIn(String flag, String value, int min, int max) {
    int v;
    try {
      v = Integer.parseInt(value.replace("_", "").replace(",", ""));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(flag + " must be a whole number, got " + value);
    }
    if (v < min || v > max) {
      throw new IllegalArgumentException(flag + " must be in " + min + ".." + max + ", got " + v);
    }
    return v;
  }

  /** A number in [min, max]. */
  static double numberIn(String flag, String value, double min, double max) {
    double v;
    try {
      v = Double.parseDouble(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(flag + " must be a number, got " + value);
    }
    if (!(v >= min && v <= max)) {
      throw new IllegalArgumentException(flag + " must be in [" + min + ", " + max + "], got " + value);
    }
    return v;
  }

  /** 90, 90s, 1500ms, 2m, 1h. */
  static Duration duration(String flag, String value) {
    String v = value.strip().toLowerCase(Locale.ROOT);
    try {
      if (v.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
      }
      if (v.endsWith("s")) {
        return Duration.ofMillis(Math.round(Double.parseDouble(v.substring(0, v.length() - 1)) * 1000));
      }
      if (v.endsWith("m")) {
        return Duration.ofMillis(Math.round(Double.parseDouble(v.substring(0, v.length() - 1)) * 60_000));
      }
      if (v.endsWith("h")) {
        return Duration.ofMillis(Math.round(Double.parseDouble(v.substring(0, v.length() - 1)) * 3_600_000));
      }
      return Duration.ofMillis(Math.round(Double.parseDouble(v) * 1000));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(flag + " must be a duration like 120s or 2m, got " + value);
    }
  }
}
