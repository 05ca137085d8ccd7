// Tensors from files other programs wrote: NumPy `.npy` (float32/float64,
// C or Fortran order, format versions 1-3) and PyTorch `torch.save` files (a
// single tensor). The format is told by the first bytes, not the name. Used
// by `bdal select` so that any framework's predictions can be acquired from.
#pragma once

#include <ATen/core/Tensor.h>

#include <filesystem>

namespace bdal::data {

// A float64 tensor of the file's shape; an Error naming the file for a
// missing file, another format, another dtype or a malformed header.
at::Tensor read_tensor_file(const std::filesystem::path& path);

// Writes a float32 or float64 tensor as `.npy` (version 1.0, C order).
void write_npy(const std::filesystem::path& path, const at::Tensor& tensor);

}  // namespace bdal::data
