//! Figures: a path named in report.toml resolved safely (symbolic links
//! followed, then fenced to the report's folder; regular files only), read
//! within a byte cap, every pixel checked to decode, and limits that keep a
//! hostile file from exhausting memory or time. PNG and JPEG are bitmaps: a
//! camera's EXIF orientation is honoured (the PDF places the pixels turned)
//! and a JPEG's metadata (GPS, camera) is cut out without re-encoding. SVG
//! images pass the fences in [`svg`] and are drawn as vectors.

use std::io::Read;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

pub mod svg;

/// Largest width or height accepted, in pixels.
pub const MAX_SIDE: u32 = 12_000;
/// Largest pixel count accepted for one image (decoded RGBA: 4 bytes each).
pub const MAX_PIXELS: u64 = 40_000_000;
/// Largest image file accepted, in bytes: far above any photo a report
/// prints (a 40-megapixel JPEG is about 20 MB), far below memory's limits.
pub const MAX_BYTES: u64 = 64 * 1024 * 1024;
/// Decoded pixels a whole build may use, over its distinct image files: 25
/// photos at the per-image limit. Bounds the time a build spends decoding.
pub const PIXEL_BUDGET: u64 = 1_000_000_000;

/// Image encodings folio embeds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// Decoded and stored losslessly (Flate).
    Png,
    /// Embedded unchanged (DCTDecode).
    Jpeg {
        /// Colour components: 1 grey, 3 RGB, 4 CMYK.
        components: u8,
    },
    /// Drawn as vectors; `bytes` hold usvg's re-serialised tree (see
    /// [`svg`]), `width` and `height` its size in CSS pixels.
    Svg,
}

/// A probed image file.
#[derive(Debug, Clone, PartialEq)]
pub struct Image {
    /// Where it is on disk, symbolic links resolved: one file has one
    /// path, however report.toml spells it.
    pub path: PathBuf,
    /// The bytes to embed: a PNG as read, a JPEG with its metadata
    /// segments cut out. Shared between the spellings of one file.
    pub bytes: Arc<[u8]>,
    /// Encoding.
    pub encoding: Encoding,
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
    /// # use folio::images::{Image, Encoding};
    /// let img = Image { path: "p.jpg".into(), bytes: Vec::new().into(), encoding: Encoding::Jpeg { components: 3 },
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
    /// An absolute path, or one that leaves the report's folder (by `..`
    /// or through a symbolic link: the second field is where it leads).
    Outside(String, Option<PathBuf>),
    /// No file at the path; the hint lists what its folder holds.
    Missing(String, String),
    /// The file cannot be read.
    Unreadable(String, String),
    /// A folder, a FIFO, a device: only regular files are read.
    NotAFile(String, &'static str),
    /// Over [`MAX_BYTES`].
    TooBig(String, u64),
    /// Not a PNG or JPEG (or damaged so its header is unreadable).
    NotAnImage(String),
    /// A PNG or JPEG whose header reads but whose pixels do not decode.
    Damaged(String, String),
    /// Over [`MAX_SIDE`] or [`MAX_PIXELS`].
    TooLarge(String, u32, u32),
    /// Past [`PIXEL_BUDGET`] with this image's pixels.
    OverBudget(String, u64),
    /// An SVG that does not parse (the reason names the line and column).
    BadSvg(String, String),
    /// An SVG holding what folio refuses: scripts, references outside the
    /// file, bitmaps, filters, text (see [`svg`]).
    SvgRefused(String, String),
}

impl std::fmt::Display for ImageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ImageError::Outside(p, None) => write!(
                f,
                "image path \"{p}\" is outside the report's folder; expected a path relative to it, such as \"images/photo.jpg\" (pass --allow-outside-paths to permit it)"
            ),
            ImageError::Outside(p, Some(to)) => write!(
                f,
                "image \"{p}\" is a symbolic link (or lies in a linked folder) that leads outside the report's folder, to {}; expected a file inside it (pass --allow-outside-paths to permit it)",
                to.display()
            ),
            ImageError::Missing(p, _) => write!(f, "image \"{p}\" does not exist"),
            ImageError::Unreadable(p, e) => write!(f, "cannot read image \"{p}\": {e}"),
            ImageError::NotAFile(p, what) => write!(
                f,
                "image \"{p}\" is {what}, not a file; expected a .png, .jpg or .svg file"
            ),
            ImageError::TooBig(p, n) => write!(
                f,
                "image \"{p}\" is {} MB; the limit is {} MB per image",
                n.div_ceil(1024 * 1024),
                MAX_BYTES / (1024 * 1024)
            ),
            ImageError::NotAnImage(p) => write!(
                f,
                "\"{p}\" is not a PNG, JPEG or SVG image, or its header is damaged; expected a .png, .jpg or .svg file"
            ),
            ImageError::BadSvg(p, why) => write!(
                f,
                "image \"{p}\" is not a usable SVG: {why}; expected an SVG document as a drawing program saves it"
            ),
            ImageError::SvgRefused(p, why) => write!(f, "image \"{p}\" holds {why}"),
            ImageError::Damaged(p, e) => write!(
                f,
                "image \"{p}\" is damaged ({e}); expected a complete PNG or JPEG file (save it again from an image editor)"
            ),
            ImageError::TooLarge(p, w, h) => write!(
                f,
                "image \"{p}\" is {w} × {h} pixels; the limit is {MAX_SIDE} pixels a side and {} megapixels",
                MAX_PIXELS / 1_000_000
            ),
            ImageError::OverBudget(p, total) => write!(
                f,
                "image \"{p}\" takes the report's images to {} megapixels; the limit for one build is {} megapixels (scale the photos down to the size they print at)",
                total / 1_000_000,
                PIXEL_BUDGET / 1_000_000
            ),
        }
    }
}

impl ImageError {
    /// A line of help beside the message, where there is one.
    pub fn hint(&self) -> Option<&str> {
        match self {
            ImageError::Missing(_, h) => Some(h),
            _ => None,
        }
    }
}

/// Resolves `src` against the report's folder: refuses absolute paths and
/// `..` that climb out of it, then follows symbolic links and refuses a
/// file that lies outside the folder after all, unless `allow_outside`.
/// Returns the canonical path, so two spellings of one file agree.
pub fn resolve(base: &Path, src: &str, allow_outside: bool) -> Result<PathBuf, ImageError> {
    let joined = joined(base, src, allow_outside)?;
    let base = if base.as_os_str().is_empty() {
        Path::new(".")
    } else {
        base
    };
    let real = joined.canonicalize().map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => {
            ImageError::Missing(src.into(), folder_listing(&joined, base))
        }
        _ => ImageError::Unreadable(src.into(), e.to_string()),
    })?;
    if !allow_outside {
        let root = base
            .canonicalize()
            .map_err(|e| ImageError::Unreadable(src.into(), e.to_string()))?;
        if !real.starts_with(&root) {
            return Err(ImageError::Outside(src.into(), Some(real)));
        }
    }
    Ok(real)
}

/// Where `src` would be, by its spelling alone (no file is looked at):
/// absolute paths and `..` that climb out of `base` refused unless
/// `allow_outside`. (`watch` waits for a missing image at this path.)
pub fn joined(base: &Path, src: &str, allow_outside: bool) -> Result<PathBuf, ImageError> {
    let p = Path::new(src);
    if !allow_outside {
        let mut depth = 0i32;
        for c in p.components() {
            match c {
                Component::Prefix(_) | Component::RootDir => {
                    return Err(ImageError::Outside(src.into(), None));
                }
                Component::ParentDir => depth -= 1,
                Component::Normal(_) => depth += 1,
                Component::CurDir => {}
            }
            if depth < 0 {
                return Err(ImageError::Outside(src.into(), None));
            }
        }
    }
    let base = if base.as_os_str().is_empty() {
        Path::new(".")
    } else {
        base
    };
    Ok(base.join(p))
}

/// What the folder of a missing file holds, for the hint: the nearest
/// existing folder on the way, its files by name (the first 20).
fn folder_listing(missing: &Path, base: &Path) -> String {
    let Some(folder) = missing.ancestors().skip(1).find(|a| a.is_dir()) else {
        return String::new();
    };
    let mut names: Vec<String> = std::fs::read_dir(folder)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with('.'))
        .collect();
    names.sort();
    let wanted = missing
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let close = names
        .iter()
        .filter(|n| strsim::jaro_winkler(n, &wanted) > 0.85)
        .max_by(|a, b| {
            strsim::jaro_winkler(a, &wanted).total_cmp(&strsim::jaro_winkler(b, &wanted))
        });
    // Named as report.toml would name it.
    let shown = match folder.strip_prefix(base) {
        Ok(rel) if rel.as_os_str().is_empty() => "the report's folder".to_string(),
        Ok(rel) => format!("the folder {}", rel.display()),
        Err(_) => format!("the folder {}", folder.display()),
    };
    let what = match names.len() {
        0 => format!("{shown} is empty"),
        n if n <= 20 => format!("{shown} holds: {}", names.join(", ")),
        n => format!(
            "{shown} holds {n} files, among them: {}, …",
            names[..20].join(", ")
        ),
    };
    match close {
        Some(c) => format!("did you mean \"{c}\"? {what}"),
        None => what,
    }
}

/// Reads a regular file of at most [`MAX_BYTES`]. Opened without blocking
/// (a FIFO would wait for a writer forever) and checked on the open file
/// (no window between a check and the read).
fn read(path: &Path, src: &str) -> Result<Vec<u8>, ImageError> {
    let unreadable = |e: std::io::Error| ImageError::Unreadable(src.into(), e.to_string());
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY);
    }
    let file = options.open(path).map_err(unreadable)?;
    let meta = file.metadata().map_err(unreadable)?;
    if !meta.is_file() {
        return Err(ImageError::NotAFile(src.into(), file_kind(&meta)));
    }
    if meta.len() > MAX_BYTES {
        return Err(ImageError::TooBig(src.into(), meta.len()));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(MAX_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(unreadable)?;
    if bytes.len() as u64 > MAX_BYTES {
        return Err(ImageError::TooBig(src.into(), bytes.len() as u64));
    }
    Ok(bytes)
}

fn file_kind(meta: &std::fs::Metadata) -> &'static str {
    if meta.is_dir() {
        return "a folder";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if t.is_char_device() || t.is_block_device() {
            return "a device";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    "not a regular file"
}

/// Reads, probes and checks an image: the header for format and size, then
/// every pixel decoded (a damaged file is refused here, not passed on to
/// make a broken PDF). A JPEG's metadata segments are cut out.
pub fn probe(path: &Path, src: &str) -> Result<Image, ImageError> {
    let bytes = read(path, src)?;
    if svg::looks_like_svg(&bytes) {
        let checked = svg::check(&bytes, src)?;
        return Ok(Image {
            path: path.to_path_buf(),
            bytes: checked.text.into_bytes().into(),
            encoding: Encoding::Svg,
            width: checked.width,
            height: checked.height,
            orientation: 1,
        });
    }
    let not = || ImageError::NotAnImage(src.into());
    let encoding = match imagesize::image_type(&bytes).map_err(|_| not())? {
        imagesize::ImageType::Png => Encoding::Png,
        imagesize::ImageType::Jpeg => Encoding::Jpeg {
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
    let damaged = |e: String| ImageError::Damaged(src.into(), e);
    let orientation = orientation(&bytes);
    let bytes: Arc<[u8]> = match encoding {
        Encoding::Png => {
            let px = decode_png(&bytes).map_err(damaged)?;
            if (u64::from(px.width), u64::from(px.height)) != (w, h) {
                return Err(damaged("its size differs from its header".into()));
            }
            bytes.into()
        }
        // Taken above, before the bitmap header is read.
        Encoding::Svg => return Err(not()),
        Encoding::Jpeg { .. } => {
            let stripped = strip_metadata(&bytes).map_err(damaged)?;
            let (dw, dh) = decode_jpeg_check(&stripped).map_err(damaged)?;
            if (u64::from(dw), u64::from(dh)) != (w, h) {
                return Err(damaged("its size differs from its header".into()));
            }
            stripped.into()
        }
    };
    Ok(Image {
        path: path.to_path_buf(),
        orientation,
        bytes,
        encoding,
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

/// Decodes every scan of a JPEG strictly (a premature end or a stray
/// marker is an error, not grey blocks) and requires its end marker, so a
/// truncated file is refused. Returns the decoded width and height.
fn decode_jpeg_check(bytes: &[u8]) -> Result<(u32, u32), String> {
    use zune_jpeg::zune_core::options::DecoderOptions;
    if !bytes.ends_with(&[0xFF, 0xD9]) {
        return Err("it ends before its end-of-image marker: the file is cut short".into());
    }
    let options = DecoderOptions::default()
        .set_strict_mode(true)
        .set_max_width(MAX_SIDE as usize)
        .set_max_height(MAX_SIDE as usize);
    let mut decoder = zune_jpeg::JpegDecoder::new_with_options(bytes, options);
    decoder.decode().map_err(|e| format!("{e:?}"))?;
    let (w, h) = decoder.dimensions().ok_or("no image size")?;
    Ok((w as u32, h as u32))
}

/// A JPEG with the metadata segments cut out: EXIF and XMP (APP1, where
/// cameras put the GPS position, the camera and the software), APP3–APP13,
/// APP15 and comments. Kept: JFIF (APP0), the ICC colour profile (APP2) and
/// Adobe's colour transform (APP14), which say how the pixels read, and
/// everything from the start of scan on, byte for byte: nothing is
/// re-encoded. (The orientation is read before, and applied by the PDF.)
///
/// ```
/// use folio::images::strip_metadata;
/// // SOI, APP1 "Exif…", COM, then a start of scan and its data.
/// let jpeg = [0xFF, 0xD8, 0xFF, 0xE1, 0, 6, b'E', b'x', b'i', b'f', 0xFF, 0xFE, 0, 3, b'x',
///             0xFF, 0xDA, 0, 2, 1, 2, 0xFF, 0xD9];
/// assert_eq!(strip_metadata(&jpeg).unwrap(), [0xFF, 0xD8, 0xFF, 0xDA, 0, 2, 1, 2, 0xFF, 0xD9]);
/// ```
pub fn strip_metadata(b: &[u8]) -> Result<Vec<u8>, String> {
    if !b.starts_with(&[0xFF, 0xD8]) {
        return Err("no start-of-image marker".into());
    }
    let mut out = Vec::with_capacity(b.len());
    out.extend_from_slice(&b[..2]);
    let mut i = 2;
    loop {
        // Fill bytes (0xFF repeated) may precede a marker.
        while b.get(i) == Some(&0xFF) && b.get(i + 1) == Some(&0xFF) {
            i += 1;
        }
        let (Some(&0xFF), Some(&marker)) = (b.get(i), b.get(i + 1)) else {
            return Err(format!("no marker at byte {i} of the headers"));
        };
        if marker == 0xDA {
            // Start of scan: the rest is entropy-coded data (and any
            // further scans), copied as is.
            out.extend_from_slice(&b[i..]);
            return Ok(out);
        }
        if marker == 0xD9 {
            return Err("it ends before any image data".into());
        }
        // Markers without a length: TEM and RST0–7.
        if marker == 0x01 || (0xD0..=0xD7).contains(&marker) {
            out.extend_from_slice(&b[i..i + 2]);
            i += 2;
            continue;
        }
        let len = match (b.get(i + 2), b.get(i + 3)) {
            (Some(&hi), Some(&lo)) => usize::from(u16::from_be_bytes([hi, lo])),
            _ => return Err("it ends inside its headers".into()),
        };
        let end = i + 2 + len;
        if len < 2 || end > b.len() {
            return Err(format!("a header segment at byte {i} runs past the end"));
        }
        let metadata = matches!(marker, 0xE1 | 0xE3..=0xED | 0xEF | 0xFE);
        if !metadata {
            out.extend_from_slice(&b[i..end]);
        }
        i = end;
    }
}

/// Channels of decoded 8-bit pixels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Channels {
    /// One byte a pixel.
    Grey,
    /// Grey and alpha.
    GreyAlpha,
    /// Red, green, blue.
    Rgb,
    /// Red, green, blue and alpha.
    Rgba,
}

/// A decoded image: 8 bits a channel, rows top to bottom.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pixels {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// What each pixel holds.
    pub channels: Channels,
    /// `width × height × channels` bytes.
    pub data: Vec<u8>,
}

/// Decodes a PNG to 8 bits a channel: palettes expanded, 16-bit samples
/// cut to 8 (a PDF viewer would show no more), transparency (an alpha
/// channel or tRNS) as an alpha channel, which the PDF keeps as a soft
/// mask. Every chunk's checksum is checked.
///
/// ```
/// # use folio::images::{decode_png, Channels};
/// // A 1 × 1 16-bit RGBA PNG, made with the png crate.
/// let mut png = Vec::new();
/// let mut e = png::Encoder::new(&mut png, 1, 1);
/// e.set_color(png::ColorType::Rgba);
/// e.set_depth(png::BitDepth::Sixteen);
/// e.write_header().unwrap().write_image_data(&[0xFF, 0xFF, 0x80, 0x00, 0, 0, 0x40, 0x00]).unwrap();
/// let px = decode_png(&png).unwrap();
/// assert_eq!((px.channels, px.data), (Channels::Rgba, vec![0xFF, 0x80, 0, 0x40]));
/// ```
pub fn decode_png(bytes: &[u8]) -> Result<Pixels, String> {
    let mut decoder = png::Decoder::new_with_limits(
        std::io::Cursor::new(bytes),
        png::Limits {
            bytes: (MAX_PIXELS * 8) as usize,
        },
    );
    decoder.set_transformations(png::Transformations::normalize_to_color8());
    let mut reader = decoder.read_info().map_err(|e| e.to_string())?;
    let size = reader.output_buffer_size().ok_or("its size overflows")?;
    let mut data = vec![0; size];
    let frame = reader.next_frame(&mut data).map_err(|e| e.to_string())?;
    // Reading to the end checks the chunks after the pixels (and their checksums).
    reader.finish().map_err(|e| e.to_string())?;
    data.truncate(frame.buffer_size());
    let channels = match frame.color_type {
        png::ColorType::Grayscale => Channels::Grey,
        png::ColorType::GrayscaleAlpha => Channels::GreyAlpha,
        png::ColorType::Rgb => Channels::Rgb,
        png::ColorType::Rgba => Channels::Rgba,
        png::ColorType::Indexed => return Err("its palette did not expand".into()),
    };
    if frame.bit_depth != png::BitDepth::Eight {
        return Err(format!(
            "{:?}-bit samples after conversion",
            frame.bit_depth
        ));
    }
    // Rows are packed for 8-bit samples: line_size = width × channels.
    Ok(Pixels {
        width: frame.width,
        height: frame.height,
        channels,
        data,
    })
}
