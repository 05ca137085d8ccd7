// Precompiled header: the heavy LibTorch headers most translation units need.
// Files still include what they use; this only makes the build faster.
#pragma once

#include <ATen/ATen.h>
#include <torch/nn/module.h>
#include <torch/nn/modules/conv.h>
#include <torch/nn/modules/linear.h>

#include <fmt/format.h>
#include <fmt/ranges.h>
