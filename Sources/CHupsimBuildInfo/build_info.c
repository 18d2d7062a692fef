#include "CHupsimBuildInfo.h"

#include <stddef.h>

const char *CHupsimBuildInfo_commit(void) {
#ifdef HUPSIM_COMMIT
  return HUPSIM_COMMIT;
#else
  return NULL;
#endif
}
