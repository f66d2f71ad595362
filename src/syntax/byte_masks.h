// Byte classes over 16 bytes at once, for the parsers' scanning loops.
//
// Each function reads exactly 16 bytes at `p`; the parsers call them near
// the end of the text too, which SourceText's zero padding makes safe.
#ifndef CFNFIX_SYNTAX_BYTE_MASKS_H_
#define CFNFIX_SYNTAX_BYTE_MASKS_H_

#include <cstdint>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace cfnfix::syntax {

// Bit k is set when byte k of the 16 at `p` is not a space.
inline uint32_t NonSpaceMask16(const char* p) {
#if defined(__SSE2__)
  const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
  return ~static_cast<uint32_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(bytes, _mm_set1_epi8(' ')))) &
         0xFFFFu;
#else
  uint32_t mask = 0;
  for (int k = 0; k < 16; ++k) mask |= uint32_t{p[k] != ' '} << k;
  return mask;
#endif
}

}  // namespace cfnfix::syntax

#endif  // CFNFIX_SYNTAX_BYTE_MASKS_H_
