#!/usr/bin/env python3
"""Draws the Teams app icons, color.png (192x192) and outline.png (32x32), next to this script.

    python3 teams/make_icons.py

Python 3's standard library only, and the same bytes on every run, so a changed icon shows up as a diff of this
script. The mark is a water droplet with a highlight: a square teal background with a white droplet for the color
icon, and a white droplet outline on a fully transparent background for the outline icon.

What Teams asks of the icons (https://learn.microsoft.com/microsoftteams/platform/concepts/build-and-test/apps-package):
- color: 192x192, a square (not rounded) solid or fully transparent background, the symbol within the central
  96x96 so that nothing is lost when Teams crops it to a rounded square or a hexagon;
- outline: 32x32, white (255, 255, 255) on a fully transparent background, no other colour, no padding.
"""

import math
import struct
import zlib
from pathlib import Path

TEAL = (14, 124, 134)  # #0E7C86, also the manifest's accentColor
WHITE = (255, 255, 255)

# Each pixel is sampled SAMPLES x SAMPLES times, so that edges are smooth.
SAMPLES = 8


class Droplet:
    """A droplet pointing up: a circle (centre cx, cy; radius r) joined to its apex at (cx, apex_y) by two tangents."""

    def __init__(self, cx, apex_y, bottom_y, r):
        self.cx, self.r = cx, r
        self.cy = bottom_y - r
        distance = self.cy - apex_y
        self.apex_y = apex_y
        self.slope = math.tan(math.asin(r / distance))  # half-width of the cone per unit of height
        self.tangent_y = self.cy - r * r / distance  # where the straight sides meet the circle

    def contains(self, x, y):
        if (x - self.cx) ** 2 + (y - self.cy) ** 2 <= self.r ** 2:
            return True
        return self.apex_y <= y <= self.tangent_y and abs(x - self.cx) <= (y - self.apex_y) * self.slope

    def inset(self, width):
        """The droplet whose edge lies `width` inside this one's."""
        half_angle = math.atan(self.slope)
        return Droplet(self.cx, self.apex_y + width / math.sin(half_angle), self.cy + self.r - width, self.r - width)


def highlight(cx, cy, inner, outer, start_degrees, end_degrees):
    """A curved stroke between two radii around (cx, cy), from one angle to another (0 = right, 90 = down)."""

    def contains(x, y):
        distance = math.hypot(x - cx, y - cy)
        angle = math.degrees(math.atan2(y - cy, x - cx)) % 360
        return inner <= distance <= outer and start_degrees <= angle <= end_degrees

    return contains


def coverage(size, contains):
    """The fraction (0-1) of each pixel inside the shape, row by row."""
    offsets = [(i + 0.5) / SAMPLES for i in range(SAMPLES)]
    return [
        [sum(contains(x + dx, y + dy) for dx in offsets for dy in offsets) / SAMPLES ** 2 for x in range(size)]
        for y in range(size)
    ]


def png(size, pixels):
    """An 8-bit RGBA PNG: pixels is rows of (r, g, b, a). Every row uses filter type 0 (none)."""

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    raw = b"".join(b"\x00" + bytes(channel for pixel in row for channel in pixel) for row in pixels)
    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)  # width, height, bit depth, RGBA, deflate, filter, no interlace
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


def blend(background, foreground, amount):
    return tuple(round(b + (f - b) * amount) for b, f in zip(background, foreground))


def color_icon():
    size = 192
    # The symbol fills the central 96x96: apex at 48, bottom at 144.
    drop = Droplet(cx=96, apex_y=48, bottom_y=144, r=36)
    shine = highlight(drop.cx, drop.cy, inner=20, outer=27, start_degrees=100, end_degrees=190)
    drop_cover = coverage(size, drop.contains)
    shine_cover = coverage(size, shine)
    pixels = []
    for y in range(size):
        row = []
        for x in range(size):
            rgb = blend(TEAL, WHITE, drop_cover[y][x])
            rgb = blend(rgb, TEAL, shine_cover[y][x])
            row.append(rgb + (255,))
        pixels.append(row)
    return png(size, pixels)


def outline_icon():
    size = 32
    # No padding, as Teams asks: the droplet runs from the top row to the bottom row.
    outer = Droplet(cx=16, apex_y=0.5, bottom_y=31.5, r=11.5)
    inner = outer.inset(2.25)
    shine = highlight(outer.cx, outer.cy, inner=4.75, outer=6.75, start_degrees=100, end_degrees=190)

    def stroke(x, y):
        return (outer.contains(x, y) and not inner.contains(x, y)) or shine(x, y)

    cover = coverage(size, stroke)
    # Every pixel is white; only its opacity varies, so the icon can hold no other colour.
    return png(size, [[WHITE + (round(255 * cover[y][x]),) for x in range(size)] for y in range(size)])


def main():
    folder = Path(__file__).resolve().parent
    (folder / "color.png").write_bytes(color_icon())
    (folder / "outline.png").write_bytes(outline_icon())
    print(f"Wrote {folder / 'color.png'} and {folder / 'outline.png'}")


if __name__ == "__main__":
    main()
