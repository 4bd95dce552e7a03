import { useMemo } from 'react';
import { encodeQr } from '../qr/qrcode';

/** The standard's quiet zone: 4 light modules on every side. */
const QUIET = 4;

interface QrCodeProps {
  value: string;
  /** What the code holds, for screen readers: "Solana Pay request for 12.5 tokens". */
  label: string;
  /** Rendered width and height in CSS pixels. */
  size?: number;
}

/**
 * A QR Code drawn as SVG, made in the browser: one path of dark modules on a white square, which
 * phone cameras read in dark mode too.
 */
export function QrCode({ value, label, size = 280 }: QrCodeProps) {
  const qr = useMemo(() => encodeQr(value), [value]);
  const path = useMemo(() => {
    const parts: string[] = [];
    qr.modules.forEach((row, y) =>
      row.forEach((dark, x) => {
        if (dark) parts.push(`M${x + QUIET} ${y + QUIET}h1v1h-1z`);
      }),
    );
    return parts.join('');
  }, [qr]);
  const extent = qr.size + QUIET * 2;
  return (
    <svg
      className="qr-code"
      role="img"
      aria-label={label}
      width={size}
      height={size}
      viewBox={`0 0 ${extent} ${extent}`}
      shapeRendering="crispEdges"
    >
      <rect width={extent} height={extent} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}
