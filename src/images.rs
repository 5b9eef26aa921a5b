//! Bitmap figures: resolving a path named in report.toml safely, probing the
//! file's format and size without decoding it, and the limits that keep a
//! hostile file from exhausting memory. PNG and JPEG are supported; a
//! camera's EXIF orientation is read so the photo stands as it was taken
//! (the pixels are not touched: the PDF places them turned).

use std::path::{Component, Path, PathBuf};

/// Largest width or height accepted, in pixels.
pub const MAX_SIDE: u32 = 12_000;
/// Largest pixel count accepted (decoded RGBA: 4 bytes each).
pub const MAX_PIXELS: u64 = 40_000_000;

/// Image encodings folio embeds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Decoded and stored losslessly (Flate).
    Png,
    /// Embedded unchanged (DCTDecode).
    Jpeg {
        /// Colour components: 1 grey, 3 RGB, 4 CMYK.
        components: u8,
    },
}

/// A probed image file.
#[derive(Debug, Clone, PartialEq)]
pub struct Image {
    /// Where it is on disk.
    pub path: PathBuf,
    /// The file's bytes.
    pub bytes: Vec<u8>,
    /// Encoding.
    pub kind: Kind,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// EXIF orientation, 1–8 (1: as stored). 5–8 turn the image a quarter,
    /// so it shows `height` pixels wide.
    pub orientation: u8,
}

impl Image {
    /// Width and height in pixels as the image is shown (EXIF orientation
    /// applied).
    ///
    /// ```
    /// # use folio::images::{Image, Kind};
    /// let img = Image { path: "p.jpg".into(), bytes: vec![], kind: Kind::Jpeg { components: 3 },
    ///     width: 4000, height: 3000, orientation: 6 };
    /// assert_eq!(img.shown_size(), (3000, 4000)); // a portrait taken with the camera turned
    /// ```
    pub fn shown_size(&self) -> (u32, u32) {
        if self.orientation >= 5 {
            (self.height, self.width)
        } else {
            (self.width, self.height)
        }
    }
}

/// The EXIF orientation (1–8) of a JPEG or PNG, 1 when it has none or an
/// unreadable one: a damaged EXIF block is no reason to refuse a photo.
pub fn orientation(bytes: &[u8]) -> u8 {
    let Ok(exif) = exif::Reader::new().read_from_container(&mut std::io::Cursor::new(bytes)) else {
        return 1;
    };
    exif.get_field(exif::Tag::Orientation, exif::In::PRIMARY)
        .and_then(|f| f.value.get_uint(0))
        .filter(|o| (1..=8).contains(o))
        .map_or(1, |o| o as u8)
}

/// The matrix (a b c d e f) that maps a stored image's unit square onto
/// the unit square as shown, for an EXIF orientation: mirrors and quarter
/// turns.
///
/// ```
/// use folio::images::orientation_matrix;
/// assert_eq!(orientation_matrix(1), [1.0, 0.0, 0.0, 1.0, 0.0, 0.0]);
/// // 6 (turned a quarter clockwise): the stored top-left corner (0, 1) shows at the top right (1, 1).
/// let [a, b, c, d, e, f] = orientation_matrix(6);
/// assert_eq!((a * 0.0 + c * 1.0 + e, b * 0.0 + d * 1.0 + f), (1.0, 1.0));
/// ```
pub fn orientation_matrix(orientation: u8) -> [f32; 6] {
    // Image space has v up (PDF); each row is x = a·u + c·v + e, y = b·u + d·v + f.
    match orientation {
        2 => [-1.0, 0.0, 0.0, 1.0, 1.0, 0.0],
        3 => [-1.0, 0.0, 0.0, -1.0, 1.0, 1.0],
        4 => [1.0, 0.0, 0.0, -1.0, 0.0, 1.0],
        5 => [0.0, -1.0, -1.0, 0.0, 1.0, 1.0],
        6 => [0.0, -1.0, 1.0, 0.0, 0.0, 1.0],
        7 => [0.0, 1.0, 1.0, 0.0, 0.0, 0.0],
        8 => [0.0, 1.0, -1.0, 0.0, 1.0, 0.0],
        _ => [1.0, 0.0, 0.0, 1.0, 0.0, 0.0],
    }
}

/// Why an image cannot be used; the caller adds the place in report.toml.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImageError {
    /// An absolute path, or one that leaves the report's folder.
    Outside(String),
    /// The file cannot be read.
    Unreadable(String, String),
    /// Not a PNG or JPEG (or damaged so its header is unreadable).
    NotAnImage(String),
    /// Over [`MAX_SIDE`] or [`MAX_PIXELS`].
    TooLarge(String, u32, u32),
}

impl std::fmt::Display for ImageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ImageError::Outside(p) => write!(
                f,
                "image path \"{p}\" is outside the report's folder; expected a path relative to it, such as \"images/photo.jpg\" (pass --allow-outside-paths to permit it)"
            ),
            ImageError::Unreadable(p, e) => write!(f, "cannot read image \"{p}\": {e}"),
            ImageError::NotAnImage(p) => write!(
                f,
                "\"{p}\" is not a PNG or JPEG image, or its header is damaged; expected a .png or .jpg file"
            ),
            ImageError::TooLarge(p, w, h) => write!(
                f,
                "image \"{p}\" is {w} × {h} pixels; the limit is {MAX_SIDE} pixels a side and {} megapixels",
                MAX_PIXELS / 1_000_000
            ),
        }
    }
}

/// Resolves `src` against the report's folder, refusing absolute paths and
/// `..` that climb out of it unless `allow_outside`.
pub fn resolve(base: &Path, src: &str, allow_outside: bool) -> Result<PathBuf, ImageError> {
    let p = Path::new(src);
    if !allow_outside {
        let mut depth = 0i32;
        for c in p.components() {
            match c {
                Component::Prefix(_) | Component::RootDir => {
                    return Err(ImageError::Outside(src.into()))
                }
                Component::ParentDir => depth -= 1,
                Component::Normal(_) => depth += 1,
                Component::CurDir => {}
            }
            if depth < 0 {
                return Err(ImageError::Outside(src.into()));
            }
        }
    }
    Ok(base.join(p))
}

/// Reads and probes an image (header only; no decoding).
pub fn probe(path: &Path, src: &str) -> Result<Image, ImageError> {
    let bytes =
        std::fs::read(path).map_err(|e| ImageError::Unreadable(src.into(), e.to_string()))?;
    let not = || ImageError::NotAnImage(src.into());
    let kind = match imagesize::image_type(&bytes).map_err(|_| not())? {
        imagesize::ImageType::Png => Kind::Png,
        imagesize::ImageType::Jpeg => Kind::Jpeg {
            components: jpeg_components(&bytes).ok_or_else(not)?,
        },
        _ => return Err(not()),
    };
    let size = imagesize::blob_size(&bytes).map_err(|_| not())?;
    let (w, h) = (size.width as u64, size.height as u64);
    if w == 0 || h == 0 {
        return Err(not());
    }
    if w > u64::from(MAX_SIDE) || h > u64::from(MAX_SIDE) || w * h > MAX_PIXELS {
        return Err(ImageError::TooLarge(
            src.into(),
            w.min(u64::from(u32::MAX)) as u32,
            h.min(u64::from(u32::MAX)) as u32,
        ));
    }
    let orientation = orientation(&bytes);
    Ok(Image {
        path: path.to_path_buf(),
        orientation,
        bytes,
        kind,
        width: w as u32,
        height: h as u32,
    })
}

/// Colour components from a JPEG's start-of-frame marker.
fn jpeg_components(b: &[u8]) -> Option<u8> {
    let mut i = 2;
    while i + 9 < b.len() {
        if b[i] != 0xFF {
            return None;
        }
        let marker = b[i + 1];
        let len = usize::from(u16::from_be_bytes([b[i + 2], b[i + 3]]));
        // SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC).
        if (0xC0..=0xCF).contains(&marker) && !matches!(marker, 0xC4 | 0xC8 | 0xCC) {
            return b.get(i + 9).copied().filter(|c| matches!(c, 1 | 3 | 4));
        }
        i += 2 + len;
    }
    None
}
