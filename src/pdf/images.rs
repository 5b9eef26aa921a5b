//! Images into the PDF: each file once, a PNG decoded to 8-bit pixels
//! (alpha as a soft mask), a JPEG passed through as DCT data (its metadata
//! already cut out at load), a CMYK JPEG converted to RGB for PDF/A, an
//! SVG as a vector Form XObject (see `svg`).

use super::{PdfError, text};
use crate::images::{Encoding, Image};
use crate::layout::{FrameItem, Layout};
use printpdf::{DictItem, ExternalStream, ExternalXObject, PdfDocument, Px, RawImage};
use std::collections::{BTreeMap, HashMap};

/// Adds each image the pages use once: PNG decoded (lossless), JPEG as is.
/// printpdf lists every image in each page's resources; folio's content
/// stream draws them by name.
pub(super) fn embed_images(
    doc: &mut PdfDocument,
    layout: &Layout,
    images: &std::collections::BTreeMap<String, Image>,
) -> Result<HashMap<String, text::ImageRef>, PdfError> {
    let mut ids = HashMap::new();
    // One XObject per file on disk, whatever spellings name it.
    let mut by_file: HashMap<&std::path::Path, text::ImageRef> = HashMap::new();
    for it in layout.pages.iter().flat_map(|p| p.items.iter()) {
        let FrameItem::Image { src, .. } = it else {
            continue;
        };
        if ids.contains_key(src) {
            continue;
        }
        let img = images
            .get(src)
            .ok_or_else(|| PdfError::Image(src.clone(), "not loaded".into()))?;
        if let Some(r) = by_file.get(img.path.as_path()) {
            ids.insert(src.clone(), r.clone());
            continue;
        }
        let id = match img.encoding {
            Encoding::Svg => doc.add_xobject(
                &super::svg::form_xobject(&img.bytes)
                    .map_err(|e| PdfError::Image(src.clone(), e))?,
            ),
            Encoding::Png => {
                let px = crate::images::decode_png(&img.bytes)
                    .map_err(|e| PdfError::Image(src.clone(), e))?;
                doc.add_image(&raw_image(px))
            }
            Encoding::Jpeg { components: 4 } => {
                // A CMYK photo (as print designers deliver them) has no
                // meaning under the file's sRGB output intent (PDF/A), so it
                // is converted to RGB and stored losslessly.
                let rgb =
                    cmyk_jpeg_to_rgb(&img.bytes).map_err(|e| PdfError::Image(src.clone(), e))?;
                doc.add_image(&rgb)
            }
            Encoding::Jpeg { components } => {
                let space = match components {
                    1 => "DeviceGray",
                    4 => "DeviceCMYK",
                    _ => "DeviceRGB",
                };
                let name = |s: &str| DictItem::Name(s.as_bytes().to_vec());
                let dict = BTreeMap::from([
                    ("Type".to_string(), name("XObject")),
                    ("Subtype".to_string(), name("Image")),
                    ("Width".to_string(), DictItem::Int(i64::from(img.width))),
                    ("Height".to_string(), DictItem::Int(i64::from(img.height))),
                    ("ColorSpace".to_string(), name(space)),
                    ("BitsPerComponent".to_string(), DictItem::Int(8)),
                    ("Filter".to_string(), name("DCTDecode")),
                ]);
                doc.add_xobject(&ExternalXObject {
                    stream: ExternalStream {
                        dict,
                        content: img.bytes.to_vec(),
                        compress: false,
                    },
                    width: Some(Px(img.width as usize)),
                    height: Some(Px(img.height as usize)),
                    dpi: None,
                })
            }
        };
        let r = text::ImageRef {
            name: id.0,
            shown: img.shown_size(),
            orientation: img.orientation,
        };
        by_file.insert(img.path.as_path(), r.clone());
        ids.insert(src.clone(), r);
    }
    Ok(ids)
}

/// Decoded 8-bit pixels as printpdf's image (an alpha channel becomes the
/// image's soft mask).
fn raw_image(px: crate::images::Pixels) -> RawImage {
    use crate::images::Channels;
    use printpdf::RawImageFormat as F;
    RawImage {
        width: px.width as usize,
        height: px.height as usize,
        data_format: match px.channels {
            Channels::Grey => F::R8,
            Channels::GreyAlpha => F::RG8,
            Channels::Rgb => F::RGB8,
            Channels::Rgba => F::RGBA8,
        },
        pixels: printpdf::RawImageData::U8(px.data),
        tag: Vec::new(),
    }
}

/// A CMYK (or YCCK) JPEG decoded to RGB pixels (zune-jpeg converts, with
/// Adobe's inverted CMYK handled).
fn cmyk_jpeg_to_rgb(bytes: &[u8]) -> Result<RawImage, String> {
    use zune_jpeg::zune_core::colorspace::ColorSpace;
    use zune_jpeg::zune_core::options::DecoderOptions;
    let options = DecoderOptions::default().jpeg_set_out_colorspace(ColorSpace::RGB);
    let mut decoder = zune_jpeg::JpegDecoder::new_with_options(bytes, options);
    let pixels = decoder.decode().map_err(|e| format!("{e:?}"))?;
    let (width, height) = decoder.dimensions().ok_or("no image size")?;
    Ok(RawImage {
        pixels: printpdf::RawImageData::U8(pixels),
        width,
        height,
        data_format: printpdf::RawImageFormat::RGB8,
        tag: Vec::new(),
    })
}
