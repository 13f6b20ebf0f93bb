#include <leptonica/allheaders.h>

/* liblept is opened with dlopen on first use, not linked (see CTesseract's shim.h for why). The
   prototypes still come from allheaders.h, so every call is type-checked. */

/* The functions CongVanOCR calls. */
#define CV_LEPTONICA_FUNCTIONS(X) \
    X(setMsgSeverity) X(pixDestroy) X(pixGetWidth) X(pixGetHeight) X(pixGetDepth) \
    X(pixGetSpp) X(pixGetXRes) X(pixSetResolution) \
    X(pixRead) X(pixReadMem) X(pixReadTiff) X(fopenReadStream) X(tiffGetCount) \
    X(pixAlphaBlendUniform) X(pixConvertTo8) X(pixFindSkewAndDeskew) X(pixBackgroundNormSimple) \
    X(pixSauvolaBinarizeTiled) X(pixScaleGrayLI) X(pixUnsharpMaskingGray) X(pixThresholdToBinary) \
    X(boxCreate) X(boxDestroy) X(pixClearInRect) X(pixCloseSafeBrick) X(pixConnCompBB) \
    X(boxaDestroy) X(boxaGetCount) X(boxaGetBoxGeometry) X(pixCountPixelsInRect) \
    X(pixWrite) X(pixWriteTiff) X(pixaCreate) X(pixaDestroy) X(pixaAddPix) X(pixaConvertToPdf) \
    X(convertUnscaledToPdfData) X(pixConvertToPdfData) X(l_pdfSetDateAndVersion) X(lept_free)

/* The table CongVanOCR fills (SharedLibrary.swift): one function pointer per name above, in
   that order, typed from the header's own prototype. */
#define CV_LEPTONICA_FIELD(name) __typeof__(&name) _Nonnull name;
typedef struct CVLeptonica {
    CV_LEPTONICA_FUNCTIONS(CV_LEPTONICA_FIELD)
} CVLeptonica;
#undef CV_LEPTONICA_FIELD

/* The same names, space-separated, for dlsym. */
#define CV_LEPTONICA_NAME(name) #name " "
static inline const char *_Nonnull cv_leptonica_symbols(void) { return CV_LEPTONICA_FUNCTIONS(CV_LEPTONICA_NAME); }
#undef CV_LEPTONICA_NAME
