// Happens-before edges for ThreadSanitizer around oneTBB's parallel loops, and a parallel loop
// over indices that states them.
#pragma once
#include <oneapi/tbb/blocked_range.h>
#include <oneapi/tbb/parallel_for.h>
#include <oneapi/tbb/task_arena.h>

#include <cstddef>

// oneTBB from Debian is not built with ThreadSanitizer, so TSan cannot see the happens-before
// edges its scheduler creates. In TSan builds the driver states them itself: everything the
// calling thread wrote happens before each task, and each task happens before the results are
// read. Nothing else is hidden from TSan.
#if defined(__SANITIZE_THREAD__)
extern "C" void __tsan_acquire(void* address);
extern "C" void __tsan_release(void* address);
#define FINSIM_HAPPENS_BEFORE(address) __tsan_release(address)
#define FINSIM_HAPPENS_AFTER(address) __tsan_acquire(address)
#else
#define FINSIM_HAPPENS_BEFORE(address) ((void)(address))
#define FINSIM_HAPPENS_AFTER(address) ((void)(address))
#endif

namespace finsim {

/// Runs `body(i)` for every i in [0, count) in parallel in `arena`, one index per task, with the
/// happens-before edges TSan cannot see in oneTBB stated: everything the caller wrote happens
/// before each body, and each body before the caller reads on.
template <typename Body>
void parallel_indices(tbb::task_arena& arena, std::size_t count, const Body& body)
{
  int dispatched = 0, finished = 0;  // addresses naming the two happens-before edges
  FINSIM_HAPPENS_BEFORE(&dispatched);
  arena.execute([&] {
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, count, 1), [&](const tbb::blocked_range<std::size_t>& range) {
      FINSIM_HAPPENS_AFTER(&dispatched);
      for (std::size_t i = range.begin(); i != range.end(); ++i) body(i);
      FINSIM_HAPPENS_BEFORE(&finished);
    });
  });
  FINSIM_HAPPENS_AFTER(&finished);
}

}  // namespace finsim
