// A growable array of trivially copyable values that parsers fill through a
// raw cursor.
//
// std::vector value-initializes every element it adds, and its push_back
// reloads and stores the end pointer around each element. A parser that
// writes millions of small records (tokens, nodes) spends much of its time
// there. PodBuffer hands out uninitialized room instead: reserve enough, write
// through a pointer kept in a register, then commit the count. Growth uses
// realloc, which is correct because the elements are trivially copyable
// (implicit-lifetime types, so malloc'd storage holds them, C++20 P0593).
#ifndef CFNFIX_BASE_POD_BUFFER_H_
#define CFNFIX_BASE_POD_BUFFER_H_

#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <new>
#include <type_traits>
#include <utility>

namespace cfnfix {

template <typename T>
class PodBuffer {
  static_assert(std::is_trivially_copyable_v<T> && std::is_trivially_destructible_v<T>);

 public:
  PodBuffer() = default;
  PodBuffer(PodBuffer&& other) noexcept
      : data_(std::exchange(other.data_, nullptr)),
        size_(std::exchange(other.size_, 0)),
        capacity_(std::exchange(other.capacity_, 0)) {}
  PodBuffer& operator=(PodBuffer&& other) noexcept {
    if (this != &other) {
      std::free(data_);
      data_ = std::exchange(other.data_, nullptr);
      size_ = std::exchange(other.size_, 0);
      capacity_ = std::exchange(other.capacity_, 0);
    }
    return *this;
  }
  PodBuffer(const PodBuffer&) = delete;
  PodBuffer& operator=(const PodBuffer&) = delete;
  ~PodBuffer() { std::free(data_); }

  size_t size() const { return size_; }
  size_t capacity() const { return capacity_; }
  bool empty() const { return size_ == 0; }
  T* data() { return data_; }
  const T* data() const { return data_; }
  T* begin() { return data_; }
  T* end() { return data_ + size_; }
  const T* begin() const { return data_; }
  const T* end() const { return data_ + size_; }
  T& operator[](size_t i) { return data_[i]; }
  const T& operator[](size_t i) const { return data_[i]; }
  T& back() { return data_[size_ - 1]; }

  // Makes room for at least `n` elements in all. Pointers into the buffer
  // are invalidated when it moves.
  void Reserve(size_t n) {
    if (n <= capacity_) return;
    void* moved = std::realloc(data_, n * sizeof(T));
    if (moved == nullptr) throw std::bad_alloc();  // As std::vector would.
    data_ = static_cast<T*>(moved);
    capacity_ = n;
  }
  // Room for `extra` more elements, growing geometrically.
  void ReserveMore(size_t extra) {
    if (capacity_ - size_ >= extra) return;
    size_t grown = capacity_ + capacity_ / 2;
    Reserve(grown > size_ + extra ? grown : size_ + extra);
  }

  // Appends one uninitialized element and returns it.
  T& AppendUninitialized() {
    ReserveMore(1);
    return data_[size_++];
  }
  void push_back(const T& value) { AppendUninitialized() = value; }
  // push_back for a caller that reserved enough room beforehand.
  void PushBackReserved(const T& value) { data_[size_++] = value; }
  void Append(const T* first, const T* last) {
    const size_t n = static_cast<size_t>(last - first);
    ReserveMore(n);
    if (n != 0) std::memcpy(data_ + size_, first, n * sizeof(T));
    size_ += n;
  }

  // Cursor protocol: write up to capacity() - size() elements at end(), then
  // commit how many were written with SetSize. Elements below the new size
  // must have been written.
  void SetSize(size_t n) { size_ = n; }

 private:
  T* data_ = nullptr;
  size_t size_ = 0;
  size_t capacity_ = 0;
};

}  // namespace cfnfix

#endif  // CFNFIX_BASE_POD_BUFFER_H_
