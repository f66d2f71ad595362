// The items of a value that may be written as one item or as a list of them
// (IAM's `Action: s3:GetObject` / `Action: [s3:GetObject, s3:PutObject]`),
// read without copying: iteration walks the tree's own child array and
// follows aliases as it goes.
#ifndef CFNFIX_CFN_ITEM_LIST_H_
#define CFNFIX_CFN_ITEM_LIST_H_

#include <cstddef>
#include <cstdint>
#include <iterator>

#include "src/syntax/tree.h"

namespace cfnfix::cfn {

class ItemList {
 public:
  class Iterator {
   public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = syntax::NodeId;
    using difference_type = std::ptrdiff_t;
    using pointer = void;
    using reference = syntax::NodeId;

    Iterator() = default;
    syntax::NodeId operator*() const {
      return items_ != nullptr ? tree_->Resolve(items_[index_]) : single_;
    }
    Iterator& operator++() {
      ++index_;
      return *this;
    }
    Iterator operator++(int) {
      Iterator before = *this;
      ++index_;
      return before;
    }
    // Only iterators of the same list compare meaningfully.
    bool operator==(const Iterator& other) const { return index_ == other.index_; }

   private:
    friend class ItemList;
    Iterator(const syntax::Tree* tree, const syntax::NodeId* items, syntax::NodeId single,
             uint32_t index)
        : tree_(tree), items_(items), single_(single), index_(index) {}

    const syntax::Tree* tree_ = nullptr;
    const syntax::NodeId* items_ = nullptr;
    syntax::NodeId single_ = syntax::kNoNode;
    uint32_t index_ = 0;
  };

  // No items.
  ItemList() = default;
  // The items of `sequence`, a literal sequence (aliases resolved).
  static ItemList OfSequence(const syntax::Tree& tree, syntax::NodeId sequence) {
    ItemList list;
    list.tree_ = &tree;
    list.source_ = sequence;
    list.items_ = tree.children(sequence).data();
    list.size_ = static_cast<uint32_t>(tree.children(sequence).size());
    return list;
  }
  // The one item `value` (aliases resolved).
  static ItemList OfSingle(const syntax::Tree& tree, syntax::NodeId value) {
    ItemList list;
    list.tree_ = &tree;
    list.source_ = value;
    list.size_ = 1;
    return list;
  }

  // The node the items were read from (the sequence, or the single value),
  // kNoNode when there was none: tells an absent value from `[]`.
  syntax::NodeId source() const { return source_; }
  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  syntax::NodeId operator[](size_t i) const {
    return *Iterator(tree_, items_, source_, static_cast<uint32_t>(i));
  }
  Iterator begin() const { return Iterator(tree_, items_, source_, 0); }
  Iterator end() const { return Iterator(tree_, items_, source_, size_); }

 private:
  const syntax::Tree* tree_ = nullptr;
  syntax::NodeId source_ = syntax::kNoNode;
  const syntax::NodeId* items_ = nullptr;  // nullptr for a single value
  uint32_t size_ = 0;
};

}  // namespace cfnfix::cfn

#endif  // CFNFIX_CFN_ITEM_LIST_H_
