// The software names a document file can carry (EXIF Software, XMP CreatorTool and History, PDF Producer
// and Creator, IPTC program, C2PA claim generator) sorted into what they say about the file. Pure and shared:
// the forensic analysis (src/intel/documents/forensics) words its findings with it and the documents.edited
// detector reads integrator-supplied metadata with it, so both agree.
//
// Strength: 'strong' = software whose purpose is changing pictures or PDFs (or generating them), which a
// genuine scan or photo of an identity document has no reason to pass through; 'weak' = software that can
// edit but is also used honestly on such files (Acrobat to combine scans, online tools to shrink a PDF,
// a word processor for a letter); 'none' = cameras, phones, scanners and PDF printers, which are how honest
// files are made. Editors are matched before the neutral names, so "Lightroom for iOS" is an editor.

export type SoftwareCategory =
  | 'ai-generator'
  | 'photo-editor'
  | 'design'
  | 'pdf-editor'
  | 'acrobat'
  | 'online-pdf-tool'
  | 'office'
  | 'capture'
  | 'pdf-writer';

export type SoftwareStrength = 'strong' | 'weak' | 'none';

type Entry = { pattern: RegExp; name: string; category: SoftwareCategory };

/** What each category is, in words a recruiter understands (used after "— "). */
export const CATEGORY_WORDS: Record<SoftwareCategory, string> = {
  'ai-generator': 'an AI image generator or editor, not a scanner or camera',
  'photo-editor': 'photo-editing software, not a scanner or camera',
  design: 'graphic-design software, not a scanner or camera',
  'pdf-editor': 'PDF-editing software that can change the text and pictures of a PDF',
  acrobat: 'Adobe Acrobat, which can edit PDFs (it is also used honestly to scan or combine them)',
  'online-pdf-tool': 'an online PDF tool that can edit PDFs (also used honestly to shrink or merge them)',
  office: 'a word processor or office program: normal for a letter, unusual for an identity document',
  capture: 'a camera, phone or scanner',
  'pdf-writer': 'a PDF printer or converter',
};

export const CATEGORY_STRENGTH: Record<SoftwareCategory, SoftwareStrength> = {
  'ai-generator': 'strong',
  'photo-editor': 'strong',
  design: 'strong',
  'pdf-editor': 'strong',
  acrobat: 'weak',
  'online-pdf-tool': 'weak',
  office: 'weak',
  capture: 'none',
  'pdf-writer': 'none',
};

const e = (pattern: RegExp, name: string, category: SoftwareCategory): Entry => ({ pattern, name, category });

/** Checked in order; the first match wins. Patterns are case-insensitive and match inside the value. */
export const SOFTWARE_TABLE: readonly Entry[] = [
  // AI generation and generative editing (XMP, C2PA claim generators, PNG generation parameters).
  e(/firefly/i, 'Adobe Firefly', 'ai-generator'),
  e(/\bdall[\s·-]?e\b/i, 'DALL-E', 'ai-generator'),
  e(/\bopenai\b|\bchatgpt\b|\bgpt-?image\b|\bgpt-4o\b/i, 'OpenAI image generation', 'ai-generator'),
  e(
    /stable[\s_-]?diffusion|\bsdxl\b|automatic1111|\bcomfyui\b|\binvokeai\b|\bfooocus\b/i,
    'Stable Diffusion',
    'ai-generator',
  ),
  e(/midjourney/i, 'Midjourney', 'ai-generator'),
  e(/\bideogram\b/i, 'Ideogram', 'ai-generator'),
  e(/leonardo\.ai/i, 'Leonardo.Ai', 'ai-generator'),
  e(/\bflux\.1\b|black forest labs/i, 'FLUX', 'ai-generator'),
  e(/trainedalgorithmicmedia/i, 'AI generation (IPTC digital source type)', 'ai-generator'),
  // Photo editors.
  e(/lightroom/i, 'Adobe Lightroom', 'photo-editor'),
  e(/photoshop/i, 'Adobe Photoshop', 'photo-editor'),
  e(/\bcamera raw\b/i, 'Adobe Camera Raw', 'photo-editor'),
  e(/\bgimp\b/i, 'GIMP', 'photo-editor'),
  e(/affinity photo/i, 'Affinity Photo', 'photo-editor'),
  e(/pixelmator/i, 'Pixelmator', 'photo-editor'),
  e(/paint\.net/i, 'Paint.NET', 'photo-editor'),
  e(/picsart/i, 'PicsArt', 'photo-editor'),
  e(/snapseed/i, 'Snapseed', 'photo-editor'),
  e(/photopea/i, 'Photopea', 'photo-editor'),
  e(/\bfotor\b/i, 'Fotor', 'photo-editor'),
  e(/\bpixlr\b/i, 'Pixlr', 'photo-editor'),
  e(/paintshop pro|corel photo-?paint/i, 'Corel PaintShop', 'photo-editor'),
  e(/\bkrita\b/i, 'Krita', 'photo-editor'),
  e(/photoscape/i, 'PhotoScape', 'photo-editor'),
  e(/\bpolarr\b/i, 'Polarr', 'photo-editor'),
  e(/facetune/i, 'Facetune', 'photo-editor'),
  e(/\bmeitu\b/i, 'Meitu', 'photo-editor'),
  e(/befunky/i, 'BeFunky', 'photo-editor'),
  e(/photodirector/i, 'PhotoDirector', 'photo-editor'),
  e(/\bluminar\b/i, 'Luminar', 'photo-editor'),
  // Design tools.
  e(/\bcanva\b/i, 'Canva', 'design'),
  e(/illustrator/i, 'Adobe Illustrator', 'design'),
  e(/adobe express|adobe spark/i, 'Adobe Express', 'design'),
  e(/affinity (designer|publisher)/i, 'Affinity Designer', 'design'),
  e(/coreldraw/i, 'CorelDRAW', 'design'),
  e(/inkscape/i, 'Inkscape', 'design'),
  e(/\bindesign\b/i, 'Adobe InDesign', 'design'),
  // PDF editors (not their readers or print drivers, which are neutral below).
  e(/foxit (phantompdf|pdf editor|editor)/i, 'Foxit PDF Editor', 'pdf-editor'),
  e(/nitro (pro|pdf pro)\b/i, 'Nitro Pro', 'pdf-editor'),
  e(/pdfelement/i, 'PDFelement', 'pdf-editor'),
  e(/\bsejda\b/i, 'Sejda', 'pdf-editor'),
  e(/pdf-xchange editor/i, 'PDF-XChange Editor', 'pdf-editor'),
  e(/pdfescape/i, 'PDFescape', 'pdf-editor'),
  e(/pdffiller/i, 'pdfFiller', 'pdf-editor'),
  e(/master pdf editor/i, 'Master PDF Editor', 'pdf-editor'),
  e(/\bpdf expert\b/i, 'PDF Expert', 'pdf-editor'),
  e(/\bsmallpdf\b.*\bedit|\bedit\b.*\bsmallpdf\b/i, 'Smallpdf (edit)', 'pdf-editor'),
  e(/\bilovepdf\b.*\bedit|\bedit\b.*\bilovepdf\b/i, 'iLovePDF (edit)', 'pdf-editor'),
  // Acrobat itself (not Distiller, PDFMaker, the PDF Library or Reader, which are neutral below).
  e(/acrobat (pro|standard|dc|\d)|adobe acrobat$/i, 'Adobe Acrobat', 'acrobat'),
  // Online tools that edit, but mostly shrink, merge or convert.
  e(/ilovepdf/i, 'iLovePDF', 'online-pdf-tool'),
  e(/smallpdf/i, 'Smallpdf', 'online-pdf-tool'),
  e(/soda ?pdf/i, 'Soda PDF', 'online-pdf-tool'),
  e(/pdf ?candy/i, 'PDF Candy', 'online-pdf-tool'),
  // Word processors and office suites.
  e(/microsoft.{0,4}(office )?(word|powerpoint|excel)|^word\b/i, 'Microsoft Office', 'office'),
  e(/libreoffice|openoffice|^writer$/i, 'LibreOffice', 'office'),
  e(/google docs/i, 'Google Docs', 'office'),
  e(/wps (office|writer)/i, 'WPS Office', 'office'),
  e(/^pages$/i, 'Apple Pages', 'office'),
  // Neutral: how honest files are made.
  e(
    /\bios\b|iphone|ipad|android|samsung|\bpixel\b|hdr\+|xiaomi|huawei|oneplus|\bmotorola\b/i,
    'phone',
    'capture',
  ),
  e(/canon|nikon|sony|fujifilm|olympus|panasonic|leica|gopro|\bver\.?\s?\d/i, 'camera', 'capture'),
  e(/scan|\blens\b|naps2|twain|\bwia\b/i, 'scanner', 'capture'),
  e(
    /print to pdf|quartz pdfcontext|skia\/pdf|ghostscript|distiller|pdfmaker|adobe pdf library|pdf-lib|itext|pdfium|cairo|wkhtmltopdf|chrom(e|ium)|reader|pdf printer|primopdf|cutepdf|pdfcreator|microsoft: print/i,
    'PDF writer',
    'pdf-writer',
  ),
];

export type SoftwareMatch = {
  /** The table row's name, e.g. "Adobe Photoshop". */
  name: string;
  category: SoftwareCategory;
  strength: SoftwareStrength;
  /** "photo-editing software, not a scanner or camera" */
  words: string;
};

/** What a software name says about a file, or null when the table does not know it. */
export function classifySoftware(value: string): SoftwareMatch | null {
  const v = value.trim();
  if (v === '') return null;
  for (const row of SOFTWARE_TABLE) {
    if (row.pattern.test(v)) {
      return {
        name: row.name,
        category: row.category,
        strength: CATEGORY_STRENGTH[row.category],
        words: CATEGORY_WORDS[row.category],
      };
    }
  }
  return null;
}

/** Whether a category is one of the editors (the ones whose re-saves make an incremental update strong). */
export function isEditorCategory(category: SoftwareCategory): boolean {
  return CATEGORY_STRENGTH[category] !== 'none' && category !== 'office';
}
