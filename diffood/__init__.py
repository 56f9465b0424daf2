"""Diffusion-based out-of-distribution detection: DiffGuard, DiffOOD and NCIS beside the classic post-hoc detectors

Modules:

- `diffood.density`: Statistics of an unconditional diffusion model's noise predictions (score norms at several noise levels, or the rate of change and curvature of the DDIM path to noise), scored by a density model fitted on ID images.
- `diffood.diffood`: Noise an image, denoise it back toward the label the classifier gave it, and measure how far the classifier's view of it moves (Liu et al., 2022, arXiv 2211.11255).
- `diffood.diffusion`: Noise schedules, DDIM and PNDM samplers that let every image in a batch start and stop at its own depth, DDIM inversion with DiffGuard's clipping and early stop, and guidance as plug-in functions.
- `diffood.lmd`: Lift, Map, Detect (Liu et al., ICML 2023): hide part of an image, let a diffusion model of the in-distribution data inpaint it, and call the image out-of-distribution when the inpainting lands far from it.
- `diffood.models`: One adapter for every diffusion model a detector can use: diffood's own UNets, ADM, CompVis LDM, diffusers latent models such as DiT, and Stable Diffusion. It knows the model's schedule and timesteps, its conditions, its space and size, and how classifier images are fitted to it.
- `diffood.ncis`: Learn each class's manifold in the diffusion model's conditioning space, sample embeddings just off it, synthesise outliers from them and teach the classifier to give them low energy (Doorenbos, Sznitman, Márquez-Neila, 2024, arXiv 2411.13619), with the Dream-OOD sampler beside it.
- `diffood.pretrained`: Load the pretrained diffusion models the methods use from local files: OpenAI's ADM (guided-diffusion) checkpoints converted to a diffusers `UNet2DModel`, class-conditional latent models such as DiT-XL-2-256, and the Stable Diffusion 1.4 components NCIS needs.
- `diffood.reconstruction`: Noise an image part of the way, let an unconditional diffusion model denoise it back, and measure how far the reconstruction lands from the input: DDOS (Raya et al.) and DDPM-OOD (Graham et al., CVPR-W 2023).
- `diffood.standins`: Tiny, randomly initialised diffusion models of every kind diffood loads, written in their real file formats and read back through the real loaders; and every detector run on them over a miniature data root in OpenOOD's layout."""

__version__ = "0.0.1"
