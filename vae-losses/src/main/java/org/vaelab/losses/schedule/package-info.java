/**
 * KL weight schedules: constant beta (Higgins et al. 2017, beta-VAE) and linear warm-up
 * (Bowman et al. 2016; Sønderby et al. 2016).
 */
package org.vaelab.losses.schedule;
