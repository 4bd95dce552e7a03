package io.rigshare.agent.hardware;

import io.rigshare.protocol.hardware.GpuInfo;
import java.util.Locale;
import java.util.regex.Pattern;

/** Maps the free-form vendor text and PCI ids the OS reports to {@link GpuInfo#VENDORS}. */
public final class GpuVendor {

  // PCI vendor ids: 10de NVIDIA, 1002 AMD/ATI, 8086 Intel. OSHI prints them as "0x10de" or in
  // text such as "NVIDIA Corporation [0x10de]".
  private static final Pattern NVIDIA = Pattern.compile("nvidia|0x10de\\b");
  private static final Pattern AMD =
      Pattern.compile("\\bamd\\b|advanced micro devices|\\bati\\b|radeon|0x1002\\b");
  private static final Pattern INTEL = Pattern.compile("intel|0x8086\\b");

  private GpuVendor() {}

  /** The vendor word for any mix of vendor string, device id and card name; "other" if none fits. */
  public static String of(String... descriptions) {
    StringBuilder all = new StringBuilder();
    for (String description : descriptions) {
      if (description != null) {
        all.append(' ').append(description.toLowerCase(Locale.ROOT));
      }
    }
    String text = all.toString();
    if (NVIDIA.matcher(text).find()) {
      return GpuInfo.VENDOR_NVIDIA;
    }
    if (AMD.matcher(text).find()) {
      return GpuInfo.VENDOR_AMD;
    }
    if (INTEL.matcher(text).find()) {
      return GpuInfo.VENDOR_INTEL;
    }
    return GpuInfo.VENDOR_OTHER;
  }
}
