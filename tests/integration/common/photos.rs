//! Photos the tests make themselves (nothing downloaded, nothing stored):
//! landscapes drawn from a few gradients and shapes, so they compress and
//! look like photos rather than flat test cards, with a red block in the
//! scene's top-left corner that shows which way up an image was placed.

use std::path::Path;

/// A landscape `w` × `h`: sky, sun, two ranges of hills and a river, in
/// RGB, with the stored top-left 1/8 × 1/8 painted pure red.
pub fn landscape(w: u32, h: u32, seed: u32) -> Vec<u8> {
    let mut px = Vec::with_capacity((w * h * 3) as usize);
    let (fw, fh) = (w as f32, h as f32);
    let phase = seed as f32 * 1.7;
    for y in 0..h {
        for x in 0..w {
            let (u, v) = (x as f32 / fw, y as f32 / fh);
            let hill_far = 0.55 + 0.08 * (u * 7.0 + phase).sin() + 0.04 * (u * 19.0).cos();
            let hill_near = 0.72 + 0.10 * (u * 4.0 + phase * 0.5).cos();
            let river = (u - 0.5 - 0.15 * (v * 9.0).sin()).abs() < 0.04 * v;
            let (dx, dy) = (u - 0.75, (v - 0.22) * fh / fw);
            let sun = dx * dx + dy * dy < 0.004;
            // A little grain, as a camera has.
            let grain = ((x.wrapping_mul(7919) ^ y.wrapping_mul(104_729)) % 13) as f32 - 6.0;
            let rgb = if x < w / 8 && y < h / 8 {
                [255.0, 0.0, 0.0]
            } else if sun {
                [255.0, 236.0, 170.0]
            } else if v < hill_far {
                [120.0 + 100.0 * v, 170.0 + 60.0 * v, 230.0 - 20.0 * v]
            } else if river && v > hill_near {
                [70.0, 120.0, 170.0]
            } else if v < hill_near {
                [60.0 + 40.0 * u, 120.0, 80.0]
            } else {
                [40.0 + 30.0 * v, 95.0 + 20.0 * u, 45.0]
            };
            px.extend(rgb.map(|c| (c + grain).clamp(0.0, 255.0) as u8));
        }
    }
    px
}

/// An EXIF block (APP1 payload) with only an orientation.
fn exif_orientation(o: u16) -> Vec<u8> {
    let mut b = b"Exif\0\0II*\0".to_vec();
    b.extend_from_slice(&8u32.to_le_bytes()); // first IFD
    b.extend_from_slice(&1u16.to_le_bytes()); // one entry
    b.extend_from_slice(&0x0112u16.to_le_bytes()); // Orientation
    b.extend_from_slice(&3u16.to_le_bytes()); // SHORT
    b.extend_from_slice(&1u32.to_le_bytes());
    b.extend_from_slice(&o.to_le_bytes());
    b.extend_from_slice(&[0, 0]);
    b.extend_from_slice(&0u32.to_le_bytes()); // no next IFD
    b
}

/// A JPEG of a landscape, with an EXIF orientation when `orientation` is
/// not 1.
///
/// With orientation 6 (as a camera held upright writes) the scene is drawn
/// upright, `h` wide and `w` tall, and stored turned a quarter
/// anticlockwise: a reader that honours the tag shows it upright, with the
/// red block top left; one that ignores it shows it lying on its side.
pub fn jpeg(w: u32, h: u32, seed: u32, orientation: u16) -> Vec<u8> {
    let pixels = match orientation {
        6 => {
            let upright = landscape(h, w, seed);
            let mut stored = Vec::with_capacity(upright.len());
            for sy in 0..h {
                for sx in 0..w {
                    // Shown at (h − 1 − sy, sx) once turned clockwise.
                    let at = ((sx * h + (h - 1 - sy)) * 3) as usize;
                    stored.extend_from_slice(&upright[at..at + 3]);
                }
            }
            stored
        }
        _ => landscape(w, h, seed),
    };
    let mut out = Vec::new();
    let mut enc = jpeg_encoder::Encoder::new(&mut out, 85);
    if orientation != 1 {
        enc.add_app_segment(1, &exif_orientation(orientation))
            .unwrap();
    }
    enc.encode(&pixels, w as u16, h as u16, jpeg_encoder::ColorType::Rgb)
        .unwrap();
    out
}

/// A CMYK JPEG (as print designers deliver photos): colour bars.
pub fn cmyk_jpeg(w: u32, h: u32) -> Vec<u8> {
    let mut pixels = Vec::with_capacity((w * h * 4) as usize);
    for _y in 0..h {
        for x in 0..w {
            let bar = (x * 6 / w) as usize;
            let cmyk = [
                [255, 0, 0, 0],
                [0, 255, 0, 0],
                [0, 0, 255, 0],
                [255, 255, 0, 0],
                [0, 255, 255, 0],
                [0, 0, 0, 200],
            ][bar];
            pixels.extend_from_slice(&cmyk);
        }
    }
    let mut out = Vec::new();
    jpeg_encoder::Encoder::new(&mut out, 90)
        .encode(&pixels, w as u16, h as u16, jpeg_encoder::ColorType::Cmyk)
        .unwrap();
    out
}

/// A PNG of a landscape.
pub fn png(w: u32, h: u32, seed: u32) -> Vec<u8> {
    let mut out = Vec::new();
    let mut enc = png::Encoder::new(&mut out, w, h);
    enc.set_color(png::ColorType::Rgb);
    enc.set_depth(png::BitDepth::Eight);
    let mut writer = enc.write_header().unwrap();
    writer.write_image_data(&landscape(w, h, seed)).unwrap();
    writer.finish().unwrap();
    out
}

/// The images of `tests/fixtures/photos`: name, stored size, and how it
/// is made.
pub const PHOTOS: [(&str, u32, u32); 7] = [
    ("opener.jpg", 2400, 1200),
    ("wide.jpg", 2000, 1000),
    // Stored on its side; EXIF orientation 6 stands it up (1000 × 1500).
    ("portrait.jpg", 1500, 1000),
    ("harbour.png", 1200, 900),
    ("poster.jpg", 1500, 2100),
    ("small.jpg", 480, 320),
    ("cmyk.jpg", 1600, 1000),
];

/// Copies the photos fixture into `dir` with its images made afresh;
/// returns the report's path.
pub fn fixture(dir: &Path) -> std::path::PathBuf {
    let images = dir.join("images");
    std::fs::create_dir_all(&images).unwrap();
    for (i, (name, w, h)) in PHOTOS.into_iter().enumerate() {
        let bytes = match name {
            "portrait.jpg" => jpeg(w, h, i as u32, 6),
            "cmyk.jpg" => cmyk_jpeg(w, h),
            n if n.ends_with(".png") => png(w, h, i as u32),
            _ => jpeg(w, h, i as u32, 1),
        };
        std::fs::write(images.join(name), bytes).unwrap();
    }
    let report = dir.join("report.toml");
    std::fs::copy("tests/fixtures/photos/report.toml", &report).unwrap();
    report
}
