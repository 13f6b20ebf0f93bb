#include <tesseract/capi.h>

/* libtesseract is opened with dlopen when the first engine is made, not linked: a process that
   reads no page (restore, parse, query) then never loads it and its ~60 dependencies, which cost
   about 20 ms per process. The prototypes still come from capi.h, so every call is type-checked. */

/* The functions CongVanOCR calls. */
#define CV_TESSERACT_FUNCTIONS(X) \
    X(TessVersion) X(TessDeleteText) \
    X(TessBaseAPICreate) X(TessBaseAPIDelete) X(TessBaseAPIInit3) X(TessBaseAPIEnd) \
    X(TessBaseAPISetVariable) X(TessBaseAPISetPageSegMode) X(TessBaseAPISetImage2) \
    X(TessBaseAPISetRectangle) X(TessBaseAPIRecognize) X(TessBaseAPIClear) \
    X(TessBaseAPIGetIterator) X(TessResultIteratorDelete) X(TessResultIteratorNext) \
    X(TessResultIteratorGetPageIterator) X(TessResultIteratorGetUTF8Text) \
    X(TessResultIteratorConfidence) X(TessPageIteratorIsAtBeginningOf) \
    X(TessPageIteratorBoundingBox)

/* The table CongVanOCR fills (SharedLibrary.swift): one function pointer per name above, in
   that order, typed from the header's own prototype. */
#define CV_TESSERACT_FIELD(name) __typeof__(&name) _Nonnull name;
typedef struct CVTesseract {
    CV_TESSERACT_FUNCTIONS(CV_TESSERACT_FIELD)
} CVTesseract;
#undef CV_TESSERACT_FIELD

/* The same names, space-separated, for dlsym. */
#define CV_TESSERACT_NAME(name) #name " "
static inline const char *_Nonnull cv_tesseract_symbols(void) { return CV_TESSERACT_FUNCTIONS(CV_TESSERACT_NAME); }
#undef CV_TESSERACT_NAME
