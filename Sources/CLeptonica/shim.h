#include <leptonica/allheaders.h>
#include <dlfcn.h>
#include <stdlib.h>

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
    X(pixWrite) X(pixWriteTiff) X(pixaCreate) X(pixaDestroy) X(pixaAddPix) X(pixaConvertToPdf)

#define CV_LEPTONICA_FIELD(name) __typeof__(&name) _Nonnull name;
typedef struct CVLeptonica {
    CV_LEPTONICA_FUNCTIONS(CV_LEPTONICA_FIELD)
} CVLeptonica;
#undef CV_LEPTONICA_FIELD

/* Opens `library` and resolves every function. Returns a table that lives as long as the process
   (the library stays loaded), or NULL with `*error` set to dlerror()'s message. */
static inline const CVLeptonica *_Nullable cv_leptonica_open(
    const char *_Nonnull library, const char *_Nullable *_Nonnull error)
{
    void *handle = dlopen(library, RTLD_NOW | RTLD_LOCAL);
    if (!handle) { *error = dlerror(); return NULL; }
    CVLeptonica *table = calloc(1, sizeof *table);
    if (!table) { *error = "out of memory"; dlclose(handle); return NULL; }
#define CV_LEPTONICA_LOAD(name) \
    if (!(table->name = (__typeof__(&name))dlsym(handle, #name))) { \
        *error = dlerror(); free(table); dlclose(handle); return NULL; \
    }
    CV_LEPTONICA_FUNCTIONS(CV_LEPTONICA_LOAD)
#undef CV_LEPTONICA_LOAD
    return table;
}
