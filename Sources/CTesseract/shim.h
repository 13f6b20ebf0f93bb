#include <tesseract/capi.h>
#include <dlfcn.h>
#include <stdlib.h>

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

#define CV_TESSERACT_FIELD(name) __typeof__(&name) _Nonnull name;
typedef struct CVTesseract {
    CV_TESSERACT_FUNCTIONS(CV_TESSERACT_FIELD)
    /* From libgomp when Tesseract was built with OpenMP; NULL otherwise. */
    void (* _Nullable omp_set_max_active_levels)(int);
} CVTesseract;
#undef CV_TESSERACT_FIELD

/* Opens `library` and resolves every function. Returns a table that lives as long as the process
   (the library stays loaded), or NULL with `*error` set to dlerror()'s message. */
static inline const CVTesseract *_Nullable cv_tesseract_open(
    const char *_Nonnull library, const char *_Nullable *_Nonnull error)
{
    void *handle = dlopen(library, RTLD_NOW | RTLD_LOCAL);
    if (!handle) { *error = dlerror(); return NULL; }
    CVTesseract *table = calloc(1, sizeof *table);
    if (!table) { *error = "out of memory"; dlclose(handle); return NULL; }
#define CV_TESSERACT_LOAD(name) \
    if (!(table->name = (__typeof__(&name))dlsym(handle, #name))) { \
        *error = dlerror(); free(table); dlclose(handle); return NULL; \
    }
    CV_TESSERACT_FUNCTIONS(CV_TESSERACT_LOAD)
#undef CV_TESSERACT_LOAD
    table->omp_set_max_active_levels = (void (*)(int))dlsym(handle, "omp_set_max_active_levels");
    return table;
}
